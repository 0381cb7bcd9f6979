namespace PubkyCluster.Grains.Users;

/// <summary>
/// Which activation of the user grain checked a write's path (a random number per activation) and after how many of
/// its commits. Opaque to the gateway, which only hands it back with the commit.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.WriteCheck")]
public sealed record WriteCheck(
    [property: Id(0)] long Activation,
    [property: Id(1)] long Commits);
