namespace PubkyCluster.Grains.Users;

/// <summary>
/// A valid path the configured store cannot hold (Azure Table keys are at most 1 KiB, so the cluster profile holds
/// shorter paths than the protocol's 4096 bytes). Crosses the grain boundary so the gateway can answer a 400.
/// </summary>
[GenerateSerializer, Alias("pubky.PathTooLongForStoreException")]
public sealed class PathTooLongForStoreException(string message) : Exception(message);
