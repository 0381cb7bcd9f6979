namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// An outbox row: the event of the user's commit number <see cref="Commit"/>, durable with the entry but not yet in
/// the global log. <see cref="AtMicros"/> is the commit's time; the logged time may be later (times strictly increase).
/// </summary>
internal sealed record PendingEvent(string User, long Commit, string Path, bool IsDelete, byte[]? ContentHash, long AtMicros);
