namespace PubkyCluster.Grains.Users;

/// <summary>A body already durable in the blob store, to be made visible at <see cref="Path"/>.</summary>
[GenerateSerializer, Immutable, Alias("pubky.PutCommit")]
public sealed record PutCommit(
    [property: Id(0)] string? SessionSecretHash,
    [property: Id(1)] string Path,
    [property: Id(2)] string BlobId,
    [property: Id(3)] byte[] ContentHash,
    [property: Id(4)] long ContentLength,
    [property: Id(5)] string ContentType);
