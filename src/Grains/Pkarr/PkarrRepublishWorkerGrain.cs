using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Publisher;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// Republishes a batch of users' packets. The homeserver cannot sign for its users, so it only ever puts back the newest
/// packet it has seen, byte for byte: the DHT's if that is newer than the one held (then it is held from now on), else
/// the held one, which is how a record the DHT dropped during an outage comes back.
/// </summary>
[StatelessWorker]
public sealed partial class PkarrRepublishWorkerGrain(
    IMutableItemDht dht,
    IOptions<UserRepublisherOptions> options,
    TimeProvider clock,
    ILogger<PkarrRepublishWorkerGrain> logger) : Grain, IPkarrRepublishWorkerGrain
{
    public async Task<RepublishCounts> Republish(string[] users)
    {
        var settings = options.Value;
        var homeserver = PublicKey.ParseZ32(settings.HomeserverKey);
        var publisher = new PkarrPublisher(dht, relays: null, settings.Publisher with { Time = clock });
        var outcomes = await Task.WhenAll(users.Select(user => RepublishAsync(user, homeserver, publisher, settings.UserTimeout)));
        return new RepublishCounts(
            outcomes.Count(o => o == Outcome.Published),
            outcomes.Count(o => o == Outcome.Skipped),
            outcomes.Count(o => o == Outcome.Missing),
            outcomes.Count(o => o == Outcome.Failed));
    }

    private async Task<Outcome> RepublishAsync(string user, PublicKey homeserver, PkarrPublisher publisher, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout, clock);
        try
        {
            var key = PublicKey.ParseZ32(user);
            var record = GrainFactory.GetGrain<IPkarrRecordGrain>(user);
            var held = await record.Get() is { } stored ? SignedPacket.FromBytes(stored.SignedPacket) : null;
            var found = await ResolveNewestAsync(key, deadline.Token);
            if (found is not null && (held is null || found.MoreRecentThan(held)))
            {
                await record.Put(found.Bytes.ToArray(), casTimestamp: null);
                held = found;
            }
            if (held is null)
            {
                return Outcome.Missing;
            }
            if (!PubkyRecords.TryGetHomeserver(held, out var target) || !target.Equals(homeserver))
            {
                return Outcome.Skipped;
            }
            var published = await publisher.PublishAsync(held, cas: null, deadline.Token);
            if (!published.Succeeded)
            {
                LogTooFewNodes(user, published.DhtStoredNodes, published.Attempts);
                return Outcome.Failed;
            }
            return Outcome.Published;
        }
        catch (Exception e)
        {
            LogUserFailed(e, user);
            return Outcome.Failed;
        }
    }

    /// <summary>The newest verified packet the whole lookup found; a failed lookup counts as finding nothing.</summary>
    private async Task<SignedPacket?> ResolveNewestAsync(PublicKey key, CancellationToken cancellationToken)
    {
        SignedPacket? newest = null;
        try
        {
            // The stream yields each packet only when it is more recent than the ones before.
            await foreach (var packet in dht.GetMutableStreamAsync(key, cancellationToken))
            {
                newest = packet;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogResolveFailed(e, key.Z32);
        }
        return newest;
    }

    private enum Outcome
    {
        Published,
        Skipped,
        Missing,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Republishing {User}'s record reached only {StoredNodes} DHT nodes after {Attempts} attempts")]
    private partial void LogTooFewNodes(string user, int storedNodes, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Republishing {User}'s record failed")]
    private partial void LogUserFailed(Exception exception, string user);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Resolving {User}'s record from the DHT failed; republishing the held packet if any")]
    private partial void LogResolveFailed(Exception exception, string user);
}
