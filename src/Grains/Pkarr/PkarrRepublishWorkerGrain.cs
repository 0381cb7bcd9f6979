using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Publisher;
using Pubky.Protocol.Keys;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// Republishes a batch of users' packets. The homeserver cannot sign for its users, so it only ever puts back the newest
/// packet it has seen, byte for byte: the DHT's if that is newer than the one held (then it is held from now on), else
/// the held one, which is how a record the DHT dropped during an outage comes back. A user whose newest record points at
/// another homeserver is noted as departed in the user store (for the admin listing, README "Network"), and one whose
/// record points here again is no longer.
/// </summary>
[StatelessWorker]
public sealed partial class PkarrRepublishWorkerGrain(
    IMutableItemDht dht,
    IUserStore store,
    IOptions<UserRepublisherOptions> options,
    TimeProvider clock,
    ILogger<PkarrRepublishWorkerGrain> logger) : Grain, IPkarrRepublishWorkerGrain
{
    public async Task<RepublishCounts> Republish(string[] users)
    {
        var settings = options.Value;
        var homeserver = PublicKey.ParseZ32(settings.HomeserverKey);
        var publisher = new PkarrPublisher(dht, relays: null, settings.Publisher with { Time = clock });
        var results = await Task.WhenAll(users.Select(user => RepublishAsync(user, homeserver, publisher, settings.UserTimeout)));
        await ForgetDeparturesAsync([.. users.Where((_, index) => results[index].HostedHere)]);
        var outcomes = results.Select(result => result.Outcome).ToList();
        return new RepublishCounts(
            outcomes.Count(o => o == Outcome.Published),
            outcomes.Count(o => o == Outcome.Skipped),
            outcomes.Count(o => o == Outcome.Missing),
            outcomes.Count(o => o == Outcome.Failed));
    }

    private async Task<UserResult> RepublishAsync(string user, PublicKey homeserver, PkarrPublisher publisher, TimeSpan timeout)
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
                return new UserResult(Outcome.Missing, HostedHere: false);
            }
            if (!PubkyRecords.TryGetHomeserver(held, out var target))
            {
                return new UserResult(Outcome.Skipped, HostedHere: false);
            }
            if (!target.Equals(homeserver))
            {
                await NoteDepartureAsync(user, target, deadline.Token);
                return new UserResult(Outcome.Skipped, HostedHere: false);
            }
            var published = await publisher.PublishAsync(held, cas: null, deadline.Token);
            if (!published.Succeeded)
            {
                LogTooFewNodes(user, published.DhtStoredNodes, published.Attempts);
                return new UserResult(Outcome.Failed, HostedHere: true);
            }
            return new UserResult(Outcome.Published, HostedHere: true);
        }
        catch (Exception e)
        {
            LogUserFailed(e, user);
            return new UserResult(Outcome.Failed, HostedHere: false);
        }
    }

    /// <summary>A failed note is only logged: the user was still rightly skipped, and the next pass notes it again.</summary>
    private async Task NoteDepartureAsync(string user, PublicKey target, CancellationToken cancellationToken)
    {
        try
        {
            await store.RecordDepartureAsync(user, target.Z32, clock.GetUtcNow(), cancellationToken);
            LogDeparted(user, target.Z32);
        }
        catch (Exception e)
        {
            LogDepartureNotRecorded(e, user);
        }
    }

    /// <summary>One store call per batch; a failure leaves the users listed as departed until a later pass clears them.</summary>
    private async Task ForgetDeparturesAsync(string[] hostedHere)
    {
        try
        {
            await store.ClearDeparturesAsync(hostedHere);
        }
        catch (Exception e)
        {
            LogDeparturesNotCleared(e, hostedHere.Length);
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

    private readonly record struct UserResult(Outcome Outcome, bool HostedHere);

    private enum Outcome
    {
        Published,
        Skipped,
        Missing,
        Failed,
    }

    [LoggerMessage(EventId = 6501, Level = LogLevel.Debug, Message = "{User}'s record points at homeserver {Homeserver}: listed as departed")]
    private partial void LogDeparted(string user, string homeserver);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "Noting that {User} departed failed; the next pass retries")]
    private partial void LogDepartureNotRecorded(Exception exception, string user);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Warning, Message = "Clearing the departures of {Users} users hosted here failed; the next pass retries")]
    private partial void LogDeparturesNotCleared(Exception exception, int users);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Republishing {User}'s record reached only {StoredNodes} DHT nodes after {Attempts} attempts")]
    private partial void LogTooFewNodes(string user, int storedNodes, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Republishing {User}'s record failed")]
    private partial void LogUserFailed(Exception exception, string user);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Resolving {User}'s record from the DHT failed; republishing the held packet if any")]
    private partial void LogResolveFailed(Exception exception, string user);
}
