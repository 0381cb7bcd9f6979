namespace PubkyCluster.Storage.Ports;

/// <summary>
/// A valid path the store cannot hold: Azure Table keys are at most 1 KiB, so the cluster profile holds shorter paths
/// than the protocol's 4096 bytes. Thrown before anything is written; the user grain answers it as a refusal.
/// </summary>
public sealed class PathTooLongForStoreException(string message) : Exception(message);
