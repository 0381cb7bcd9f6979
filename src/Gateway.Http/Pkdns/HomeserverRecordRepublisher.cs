using Pubky.Pkarr.Packets;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.Pkdns;

/// <summary>
/// Publishes the homeserver's own PKARR record as pubky-core v0.6.0's
/// pubky-homeserver/src/republishers/key_republisher.rs does: built once, at start, with one timestamp, then the
/// same bytes
/// are published again every <see cref="PkarrNetworkSettings.HomeserverRepublishInterval"/> (an hour) so DHT nodes keep them. Unlike the reference, a failed publish never stops the host:
/// it is logged and retried with growing delays, since clients that cached the record keep working meanwhile.
/// </summary>
public sealed partial class HomeserverRecordRepublisher(
    HomeserverIdentity identity,
    IOptions<HomeserverOptions> homeserver,
    IOptions<ListenOptions> listen,
    IPkarrPublisher publisher,
    PkarrNetworkSettings network,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<HomeserverRecordRepublisher> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Records are kept by grains: wait until the co-hosted silo (started after this service) is up.
            await WhenStarted(stoppingToken);
            if (BuildPacket() is not { } packet)
            {
                return;
            }
            while (true)
            {
                await PublishUntilDoneAsync(packet, stoppingToken);
                await Task.Delay(network.HomeserverRepublishInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private SignedPacket? BuildPacket()
    {
        try
        {
            var packet = PubkyRecords.HomeserverPacket(
                identity.Keypair, HomeserverEndpoints.From(homeserver.Value, listen.Value), clock);
            LogPacketBuilt(packet.PublicKey.Z32, packet.Timestamp, packet.Answers.Count);
            return packet;
        }
        catch (Exception e)
        {
            LogPacketBuildFailed(e);
            return null;
        }
    }

    private async Task PublishUntilDoneAsync(SignedPacket packet, CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var published = await publisher.PublishAsync(packet, stoppingToken);
                if (published.Outcome == PkarrPutOutcome.Stored)
                {
                    LogPublished(packet.PublicKey.Z32, published.DhtStoredNodes);
                }
                else
                {
                    // Publishing the same bytes again cannot change this; the next cycle tries anyway.
                    LogSuperseded(packet.PublicKey.Z32, published.Outcome);
                }
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPublishFailed(e, packet.PublicKey.Z32, attempt, delay);
            }
            await Task.Delay(delay, clock, stoppingToken);
            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }
    }

    private async Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Homeserver record for {Key} built (timestamp {Timestamp}, {Records} records)")]
    private partial void LogPacketBuilt(string key, ulong timestamp, int records);

    [LoggerMessage(Level = LogLevel.Error, Message = "The homeserver record could not be built; it will not be published")]
    private partial void LogPacketBuildFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Homeserver record for {Key} published ({DhtStoredNodes} DHT nodes stored it)")]
    private partial void LogPublished(string key, int dhtStoredNodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Homeserver record for {Key} not published: {Outcome} (a more recent packet for this key is known)")]
    private partial void LogSuperseded(string key, PkarrPutOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the homeserver record for {Key} failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogPublishFailed(Exception exception, string key, int attempt, TimeSpan delay);
}
