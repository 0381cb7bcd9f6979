namespace PubkyCluster.Grains.Users.Grants;

/// <summary>An active grant as GET /auth/grant/sessions lists it; Unix seconds.</summary>
[GenerateSerializer, Immutable, Alias("pubky.GrantSummary")]
public sealed record GrantSummary(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string Capabilities,
    [property: Id(3)] long IssuedAt,
    [property: Id(4)] long ExpiresAt);
