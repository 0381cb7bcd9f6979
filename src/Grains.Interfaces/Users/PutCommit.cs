namespace PubkyCluster.Grains.Users;

/// <summary>
/// A body already durable in the blob store, to be made visible at <see cref="Path"/>. <see cref="UploadedAt"/> is the
/// gateway's time right after the upload completed: the grain refuses a commit older than Limits:MaxCommitDelay, which
/// keeps every commit it accepts ahead of the orphan sweeper. <see cref="Checked"/> is what the write's authorization
/// returned, if anything.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.PutCommit")]
public sealed record PutCommit(
    [property: Id(0)] string? SessionSecretHash,
    [property: Id(1)] string Path,
    [property: Id(2)] string BlobId,
    [property: Id(3)] byte[] ContentHash,
    [property: Id(4)] long ContentLength,
    [property: Id(5)] string ContentType,
    [property: Id(6)] DateTimeOffset UploadedAt,
    [property: Id(7)] WriteCheck? Checked = null);
