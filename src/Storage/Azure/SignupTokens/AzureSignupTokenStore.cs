using Azure;
using Azure.Data.Tables;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.SignupTokens;

/// <summary>
/// Signup tokens in Azure Table, one partition per token. A claim is an update conditional on the ETag of an unused
/// row; tokens change in no other way, so a lost race (412) means another claim won, and exactly one claim succeeds.
/// </summary>
public sealed class AzureSignupTokenStore(AzureTableSet tables) : ISignupTokenStore
{
    private const string TokenRow = "token";
    private const string CreatedAt = "CreatedAt";
    private const string UsedBy = "UsedBy";
    private const string UsedAt = "UsedAt";

    /// <exception cref="StoreConflictException">The token exists already; nothing changes.</exception>
    public async Task CreateAsync(string token, QuotaRecord quota, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(token);
        if (!TableKeys.Fits(key))
        {
            throw new ArgumentException($"A signup token is at most {TableKeys.MaxLength} characters once escaped.", nameof(token));
        }

        await tables.InitializeAsync(cancellationToken);
        var entity = new TableEntity(key, TokenRow) { [CreatedAt] = TableValues.ToMicros(createdAt) };
        TableValues.SetQuota(entity, quota);
        try
        {
            await tables.SignupTokens.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            throw new StoreConflictException("The signup token exists already.");
        }
    }

    public async Task<SignupTokenRecord?> GetAsync(string token, CancellationToken cancellationToken = default)
    {
        var entity = await ReadAsync(token, cancellationToken);
        return entity is null ? null : ToRecord(token, entity);
    }

    public async Task<bool> TryClaimAsync(string token, string user, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = await ReadAsync(token, cancellationToken);
        if (entity is null || entity.GetString(UsedBy) is not null)
        {
            return false;
        }

        var claim = new TableEntity(entity.PartitionKey, entity.RowKey) { [UsedBy] = user, [UsedAt] = TableValues.ToMicros(at) };
        try
        {
            await tables.SignupTokens
                .UpdateEntityAsync(claim, entity.ETag, TableUpdateMode.Merge, cancellationToken)
                ;
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>A scan of every token row (two properties each): an admin-only count, cost O(tokens).</summary>
    public async Task<(long Total, long Unused)> CountAsync(CancellationToken cancellationToken = default)
    {
        await tables.InitializeAsync(cancellationToken);
        long total = 0;
        long unused = 0;
        await foreach (var entity in tables.SignupTokens
                           .QueryAsync<TableEntity>(select: [UsedBy], cancellationToken: cancellationToken)
                           )
        {
            total++;
            if (entity.GetString(UsedBy) is null)
            {
                unused++;
            }
        }

        return (total, unused);
    }

    /// <summary>
    /// A range of partition keys, which is the tokens' order (generated tokens escape to themselves). Azure Table has no
    /// index on UsedBy, so a state filter is applied here: a used or unused page also reads the other state's tokens
    /// that sort between its first and last.
    /// </summary>
    public async Task<IReadOnlyList<SignupTokenRecord>> ListAsync(
        SignupTokenState state, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await tables.InitializeAsync(cancellationToken);
        var filter = after is null ? null : TableClient.CreateQueryFilter($"PartitionKey gt {KeyOf(after)}");
        var records = new List<SignupTokenRecord>();
        await foreach (var entity in tables.SignupTokens
                           .QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            var used = entity.GetString(UsedBy) is not null;
            if (state == SignupTokenState.All || used == (state == SignupTokenState.Used))
            {
                records.Add(ToRecord(TableKeys.Unescape(entity.PartitionKey), entity));
                if (records.Count == limit)
                {
                    break;
                }
            }
        }

        return records;
    }

    private static SignupTokenRecord ToRecord(string token, TableEntity entity) =>
        new(
            token,
            TableValues.FromMicros(TableValues.GetRequiredInt64(entity, CreatedAt)),
            TableValues.GetQuota(entity),
            entity.GetString(UsedBy),
            TableValues.GetNullableMicros(entity, UsedAt));

    private async Task<TableEntity?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        var key = KeyOf(token);
        if (!TableKeys.Fits(key))
        {
            return null;
        }

        await tables.InitializeAsync(cancellationToken);
        var response = await tables.SignupTokens
            .GetEntityIfExistsAsync<TableEntity>(key, TokenRow, cancellationToken: cancellationToken)
            ;
        return response.HasValue ? response.Value : null;
    }

    private static string KeyOf(string token) => TableKeys.Escape(token);
}
