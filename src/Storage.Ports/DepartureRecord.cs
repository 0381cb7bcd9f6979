namespace PubkyCluster.Storage.Ports;

/// <summary>
/// A user whose PKARR record points at another homeserver (<see cref="Homeserver"/>, z32), as the republisher last saw
/// it, with the usage reclaiming the account would free.
/// </summary>
public sealed record DepartureRecord(
    string User,
    string Homeserver,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long UsedBytes,
    long FileCount);
