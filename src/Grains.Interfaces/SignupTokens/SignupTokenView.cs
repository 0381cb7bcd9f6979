namespace PubkyCluster.Grains.SignupTokens;

[GenerateSerializer, Immutable, Alias("pubky.SignupTokenView")]
public sealed record SignupTokenView(
    [property: Id(0)] string Token,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] string? UsedBy,
    [property: Id(3)] DateTimeOffset? UsedAt);
