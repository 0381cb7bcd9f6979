using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// Walks every user of this homeserver every <see cref="UserRepublisherOptions.EffectiveInterval"/> and fans the users
/// out in batches to <see cref="IPkarrRepublishWorkerGrain"/>s. Reentrant so that <see cref="Start"/> never waits for a
/// running pass; overlapping triggers join the pass in flight. Should a failover briefly leave two activations, both
/// only put back unchanged packets and keep the newest, so running twice does no harm.
/// </summary>
[Reentrant]
public sealed partial class PkarrRepublisherGrain(
    IUserStore users,
    IOptions<UserRepublisherOptions> options,
    IPkarrRepublishMetrics metrics,
    TimeProvider clock,
    ILogger<PkarrRepublisherGrain> logger) : Grain, IPkarrRepublisherGrain
{
    private IGrainTimer? _timer;
    private Task<RepublishCounts>? _pass;

    public Task Start()
    {
        if (_timer is null)
        {
            var settings = options.Value;
            if (settings.Interval < UserRepublisherOptions.MinimumInterval)
            {
                LogIntervalRaised(settings.Interval, UserRepublisherOptions.MinimumInterval);
            }
            _timer = this.RegisterGrainTimer(
                () => RepublishNow(),
                new GrainTimerCreationOptions(settings.FirstRunDelay, settings.EffectiveInterval) { KeepAlive = true });
        }
        return Task.CompletedTask;
    }

    public Task<RepublishCounts> RepublishNow()
    {
        if (_pass is not { IsCompleted: false })
        {
            _pass = PassAsync();
        }
        return _pass;
    }

    private async Task<RepublishCounts> PassAsync()
    {
        var settings = options.Value;
        var started = clock.GetTimestamp();
        var worker = GrainFactory.GetGrain<IPkarrRepublishWorkerGrain>(0);
        var totals = RepublishCounts.None;
        var inFlight = new List<Task<RepublishCounts>>();
        string? after = null;
        IReadOnlyList<string> page;
        do
        {
            page = await users.ListUsersAsync(after, settings.BatchSize);
            if (page.Count > 0)
            {
                after = page[^1];
                inFlight.Add(RepublishBatchAsync(worker, [.. page]));
            }
            while (inFlight.Count >= settings.ParallelBatches || (page.Count < settings.BatchSize && inFlight.Count > 0))
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                totals += await done;
            }
        }
        while (page.Count == settings.BatchSize);
        metrics.RecordUserRepublish(totals);
        LogPass(totals.Published, totals.Skipped, totals.Missing, totals.Failed, clock.GetElapsedTime(started));
        return totals;
    }

    /// <summary>A batch whose call fails (a silo lost, a timeout) counts as failed for every user in it.</summary>
    private async Task<RepublishCounts> RepublishBatchAsync(IPkarrRepublishWorkerGrain worker, string[] batch)
    {
        try
        {
            return await worker.Republish(batch);
        }
        catch (Exception e)
        {
            LogBatchFailed(e, batch.Length);
            return RepublishCounts.None with { Failed = batch.Length };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User record republish interval {Configured} is below the minimum; using {Minimum}")]
    private partial void LogIntervalRaised(TimeSpan configured, TimeSpan minimum);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "User records republished: {Published} published, {Skipped} skipped (hosted elsewhere), {Missing} missing, {Failed} failed, in {Elapsed}")]
    private partial void LogPass(int published, int skipped, int missing, int failed, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A republish batch of {Users} users failed")]
    private partial void LogBatchFailed(Exception exception, int users);
}
