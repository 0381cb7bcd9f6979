using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Relay;

namespace Pubky.Pkarr.Publisher;

/// <summary>The outcome of a publish after retries: whether it reached its threshold, and the last attempt's counts.</summary>
public sealed record PublishResult(bool Succeeded, int Attempts, DhtPutResult? Dht, RelayPublishResult? Relays)
{
    /// <summary>DHT nodes holding the packet after the last attempt (0 without a DHT).</summary>
    public int DhtStoredNodes => Dht?.Stored ?? 0;
}
