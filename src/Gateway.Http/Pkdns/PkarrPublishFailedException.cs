namespace PubkyCluster.Gateway.Pkdns;

/// <summary>A publish that reached too few DHT nodes and relays; the caller retries later with the same packet.</summary>
public sealed class PkarrPublishFailedException(string message) : Exception(message);
