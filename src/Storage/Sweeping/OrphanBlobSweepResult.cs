namespace PubkyCluster.Storage.Sweeping;

/// <summary>What one pass did: how many old blobs it examined and how many of them it deleted as orphans.</summary>
public sealed record OrphanBlobSweepResult(int Examined, int Deleted);
