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
        return entity is null
            ? null
            : new SignupTokenRecord(
                token,
                TableValues.FromMicros(TableValues.GetRequiredInt64(entity, CreatedAt)),
                TableValues.GetQuota(entity),
                entity.GetString(UsedBy),
                TableValues.GetNullableMicros(entity, UsedAt));
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
