namespace PubkyCluster.Grains.Users;

/// <summary>What the index knows of one stored file; the body is in the blob store under <see cref="BlobId"/>.</summary>
[GenerateSerializer, Immutable, Alias("pubky.EntryView")]
public sealed record EntryView(
    [property: Id(0)] string Path,
    [property: Id(1)] string BlobId,
    [property: Id(2)] byte[] ContentHash,
    [property: Id(3)] long ContentLength,
    [property: Id(4)] string ContentType,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset ModifiedAt);
