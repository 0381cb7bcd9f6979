namespace PubkyCluster.Storage.Ports;

/// <summary>
/// One committed write as the event log keeps it: ids strictly increase and become visible in commit order.
/// <see cref="Path"/> is the normalized path as stored; <see cref="ContentHash"/> is set for PUT and null for DEL.
/// </summary>
public sealed record EventRecord(
    long Id,
    string User,
    bool IsDelete,
    string Path,
    byte[]? ContentHash,
    ulong CreatedAtMicros);
