namespace PubkyCluster.Storage.Ports;

/// <summary>What the index keeps of one stored file (its path is the key it was asked by); the body is in the blob store under <see cref="BlobId"/>.</summary>
public sealed record EntryRecord(
    string BlobId,
    byte[] ContentHash,
    long ContentLength,
    string ContentType,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt);
