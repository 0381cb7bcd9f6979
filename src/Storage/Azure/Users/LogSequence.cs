using Azure;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// The log's sequence row as this process last wrote or read it: the last id taken and its time. A null
/// <see cref="ETag"/> means the row does not exist yet (an empty log).
/// </summary>
internal sealed record LogSequence(ETag? ETag, long LastId, long? LastCreatedAtMicros)
{
    public static LogSequence Empty { get; } = new(null, 0, null);
}
