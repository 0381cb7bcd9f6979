namespace PubkyCluster.Grains.Users;

/// <summary>
/// The result of a committed or refused PUT or DELETE. <see cref="ReleasedBlobId"/> names a blob that is no longer
/// referenced (the overwritten or deleted body, or the refused upload) and may be deleted by the caller.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.CommitOutcome")]
public sealed record CommitOutcome(
    [property: Id(0)] Refusal Refusal,
    [property: Id(1)] long EventId,
    [property: Id(2)] string? ReleasedBlobId)
{
    public bool IsCommitted => Refusal == Refusal.None;
}
