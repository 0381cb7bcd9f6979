namespace PubkyCluster.Storage.Ports;

/// <summary>Names shared by grains and the hosts that register storage.</summary>
public static class StorageNames
{
    /// <summary>The grain-state provider every persistent grain uses.</summary>
    public const string GrainState = "pubky";
}
