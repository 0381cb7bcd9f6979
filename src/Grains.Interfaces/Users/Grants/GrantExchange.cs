namespace PubkyCluster.Grains.Users.Grants;

/// <summary>
/// A grant and its PoP whose signatures, types, audience, binding and times the gateway verified. The user grain still
/// owns what needs state: the PoP nonce is accepted once in the whole cluster, a revoked grant stays revoked.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.GrantExchange")]
public sealed record GrantExchange(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string Capabilities,
    [property: Id(3)] string ClientKey,
    [property: Id(4)] long IssuedAt,
    [property: Id(5)] long ExpiresAt,
    [property: Id(6)] string PopNonce);
