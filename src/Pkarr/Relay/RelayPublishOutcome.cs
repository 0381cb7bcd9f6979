namespace Pubky.Pkarr.Relay;

/// <summary>
/// One relay's answer to a PUT: its HTTP status (null when it could not be reached in time) and, from pkarr-relay 1.0,
/// how many DHT nodes it stored the packet on (<c>Pkarr-Dht-Stored-Nodes</c>).
/// </summary>
public sealed record RelayPublishOutcome(Uri Relay, int? StatusCode, int? DhtStoredNodes)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
