namespace PubkyCluster.Storage.Ports;

/// <summary>The store's data moved under a writer that expected otherwise; the writer must reload before retrying.</summary>
public sealed class StoreConflictException(string message) : Exception(message);
