namespace PubkyCluster.Grains.Users;

/// <summary>
/// A grant as the user grain keeps it, under its id (<c>jti</c>), with its one live bearer: only the bearer's SHA-256
/// and expiry (Unix seconds). A revoked grant is kept until it expires, so presenting it again says why it fails.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.StoredGrant")]
public sealed record StoredGrant(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Capabilities,
    [property: Id(2)] string ClientKey,
    [property: Id(3)] long IssuedAt,
    [property: Id(4)] long ExpiresAt,
    [property: Id(5)] bool Revoked,
    [property: Id(6)] string? BearerHash,
    [property: Id(7)] long BearerExpiresAt,
    [property: Id(8)] long SessionCreatedAt);
