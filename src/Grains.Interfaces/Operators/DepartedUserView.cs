namespace PubkyCluster.Grains.Operators;

/// <summary>
/// A user whose record points at another homeserver (z32 <see cref="Homeserver"/>), when the republisher first and last
/// saw it so, and what the account still uses here: what reclaiming it would free.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.DepartedUserView")]
public sealed record DepartedUserView(
    [property: Id(0)] string User,
    [property: Id(1)] string Homeserver,
    [property: Id(2)] DateTimeOffset FirstSeen,
    [property: Id(3)] DateTimeOffset LastSeen,
    [property: Id(4)] long UsedBytes,
    [property: Id(5)] long Files);
