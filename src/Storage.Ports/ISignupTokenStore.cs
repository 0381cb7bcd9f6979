namespace PubkyCluster.Storage.Ports;

public interface ISignupTokenStore
{
    Task CreateAsync(string token, QuotaRecord quota, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    Task<SignupTokenRecord?> GetAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Marks the token used by <paramref name="user"/> only if it exists and is unused; true when it did.</summary>
    Task<bool> TryClaimAsync(string token, string user, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<(long Total, long Unused)> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> tokens in <paramref name="state"/> that sort after <paramref name="after"/>
    /// (ordinally; null = from the first), in ordinal token order, so the last token of a page is the next page's cursor.
    /// </summary>
    Task<IReadOnlyList<SignupTokenRecord>> ListAsync(
        SignupTokenState state, string? after, int limit, CancellationToken cancellationToken = default);
}
