namespace PubkyCluster.Grains.Users.Grants;

/// <summary>A grant session (its bearer's lifetime and its grant's), as GET /auth/grant/session shows it; Unix seconds.</summary>
[GenerateSerializer, Immutable, Alias("pubky.GrantSessionView")]
public sealed record GrantSessionView(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string Capabilities,
    [property: Id(3)] long TokenExpiresAt,
    [property: Id(4)] long GrantExpiresAt,
    [property: Id(5)] long CreatedAt);
