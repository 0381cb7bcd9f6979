namespace PubkyCluster.Storage.GrainState;

/// <summary>Limits the grain state of every profile keeps alike.</summary>
public static class GrainStateLimits
{
    /// <summary>
    /// 512 KiB: well under what Azure Table (and Azurite, which counts base64 JSON) accepts for one entity, so a state
    /// that works embedded also works in the cluster profile. <see cref="GrainStateSerializer"/> enforces it.
    /// </summary>
    public const int MaxStateBytes = 512 * 1024;
}
