using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PubkyCluster.Storage.Sweeping;

/// <summary>Runs <see cref="OrphanBlobSweeper"/> every <see cref="OrphanBlobSweeperOptions.Interval"/>; a failed pass is logged and retried next time.</summary>
public sealed partial class OrphanBlobSweeperService(
    OrphanBlobSweeper sweeper,
    IOptions<OrphanBlobSweeperOptions> options,
    TimeProvider timeProvider,
    ILogger<OrphanBlobSweeperService> logger) : BackgroundService
{
    private PeriodicTimer? _timer;

    /// <summary>
    /// The timer starts with the host, not when <see cref="ExecuteAsync"/> gets a thread: the first pass is one interval
    /// after start on any clock, a test clock advanced right after start included.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("The sweeper service was not started.");
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sweeper.SweepAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPassFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "An orphan-blob sweep failed; the next pass will retry")]
    private partial void LogPassFailed(Exception exception);
}
