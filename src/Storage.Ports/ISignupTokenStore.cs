namespace PubkyCluster.Storage.Ports;

public interface ISignupTokenStore
{
    Task CreateAsync(string token, QuotaRecord quota, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    Task<SignupTokenRecord?> GetAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Marks the token used by <paramref name="user"/> only if it exists and is unused; true when it did.</summary>
    Task<bool> TryClaimAsync(string token, string user, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<(long Total, long Unused)> CountAsync(CancellationToken cancellationToken = default);
}
