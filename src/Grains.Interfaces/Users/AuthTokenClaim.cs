namespace PubkyCluster.Grains.Users;

/// <summary>
/// An AuthToken the gateway has decoded and whose time window and signature it checked. The user grain still owns
/// the replay check: <see cref="ReplayId"/> is accepted once in the whole cluster.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.AuthTokenClaim")]
public sealed record AuthTokenClaim(
    [property: Id(0)] string ReplayId,
    [property: Id(1)] ulong TimestampMicros,
    [property: Id(2)] string Capabilities);
