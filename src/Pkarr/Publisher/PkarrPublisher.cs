using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Relay;

namespace Pubky.Pkarr.Publisher;

/// <summary>
/// Publishes signed packets to the DHT and/or relays until enough holders confirm: at least
/// <see cref="PkarrPublisherOptions.MinStoredNodes"/> DHT nodes, or a majority of relays (either path alone is a
/// complete publication, as in pkarr's client). Retries with exponential backoff; concurrency refusals are not retried.
/// </summary>
public sealed class PkarrPublisher
{
    private readonly IMutableItemDht? _dht;
    private readonly PkarrRelayClient? _relays;
    private readonly PkarrPublisherOptions _options;
    private long _published;
    private long _failed;
    private long _attempts;

    public PkarrPublisher(IMutableItemDht? dht, PkarrRelayClient? relays, PkarrPublisherOptions? options = null)
    {
        if (dht is null && relays is null)
        {
            throw new ArgumentException("A publisher needs the DHT, relays, or both.");
        }
        _dht = dht;
        _relays = relays;
        _options = options ?? PkarrPublisherOptions.Mainnet;
    }

    /// <summary>Publishes that reached their threshold.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Publishes that gave up after every retry.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Attempts made over all publishes, retries included.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>
    /// Publishes <paramref name="packet"/>; <paramref name="cas"/> is the timestamp of the packet read before writing.
    /// A DHT node answering 302 while already holding this very packet counts as storing it (see
    /// <see cref="DhtPutResult.Stored"/>), so republishing unchanged packets is not a failure.
    /// </summary>
    /// <exception cref="PublishConflictException">Most DHT nodes or relays refused it as not most recent or CAS failed.</exception>
    public async Task<PublishResult> PublishAsync(SignedPacket packet, ulong? cas = null, CancellationToken cancellationToken = default)
    {
        var backoff = _options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref _attempts);
            var dht = _dht?.PutMutableAsync(packet, cas, cancellationToken);
            var relays = _relays?.PublishAsync(packet, cas, cancellationToken);
            var dhtResult = dht is null ? null : await dht;
            var relayResult = relays is null ? null : await relays;
            if (dhtResult is not null)
            {
                ThrowOnDhtConflict(packet, dhtResult);
            }
            var succeeded = dhtResult?.Stored >= _options.MinStoredNodes || relayResult?.IsMajority == true;
            if (succeeded || attempt > _options.MaxRetries)
            {
                Interlocked.Increment(ref succeeded ? ref _published : ref _failed);
                return new PublishResult(succeeded, attempt, dhtResult, relayResult);
            }
            await Task.Delay(backoff, _options.Time, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    /// <summary>A majority of answering nodes refusing for a concurrency reason means the packet itself is the problem.</summary>
    private void ThrowOnDhtConflict(SignedPacket packet, DhtPutResult result)
    {
        var answered = result.Attempted - result.NoResponse;
        if (result.Stored >= _options.MinStoredNodes || answered == 0)
        {
            return;
        }
        if (result.CasMismatches * 2 > answered)
        {
            throw new PublishConflictException(PublishConflict.CasFailed, $"Most DHT nodes hold another version of {packet.PublicKey} than the cas given.");
        }
        if (result.SequenceTooLow * 2 > answered)
        {
            throw new PublishConflictException(PublishConflict.NotMostRecent, $"Most DHT nodes hold a more recent packet for {packet.PublicKey}.");
        }
    }
}
