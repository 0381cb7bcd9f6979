namespace PubkyCluster.Grains.SignupTokens;

/// <summary>One page of the admin token listing; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("pubky.SignupTokenPage")]
public sealed record SignupTokenPage(
    [property: Id(0)] IReadOnlyList<SignupTokenView> Items,
    [property: Id(1)] string? NextCursor);
