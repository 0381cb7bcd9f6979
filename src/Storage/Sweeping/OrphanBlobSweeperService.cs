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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await sweeper.SweepAsync(stoppingToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "An orphan-blob sweep failed; the next pass will retry")]
    private partial void LogPassFailed(Exception exception);
}
