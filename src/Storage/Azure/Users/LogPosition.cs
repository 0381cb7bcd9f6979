namespace PubkyCluster.Storage.Azure.Users;

/// <summary>Where an event landed in the global log: its id and its logged time (both strictly increase together).</summary>
internal readonly record struct LogPosition(long Id, long CreatedAtMicros);
