namespace PubkyCluster.Grains.Operators;

/// <summary>Counts over every user and signup token of the homeserver.</summary>
[GenerateSerializer, Immutable, Alias("pubky.HomeserverTotals")]
public sealed record HomeserverTotals(
    [property: Id(0)] long Users,
    [property: Id(1)] long DisabledUsers,
    [property: Id(2)] long UsedBytes,
    [property: Id(3)] long SignupTokens,
    [property: Id(4)] long UnusedSignupTokens);
