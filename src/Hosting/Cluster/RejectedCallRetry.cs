namespace PubkyCluster.Hosting.Cluster;

/// <summary>
/// A gateway process sends a grain call again when Orleans rejected it: a rejection means the target silo refused the
/// message before any grain ran it (during a rolling restart, "silo is shutting down" for a call routed just before the
/// silo's notice), so the call is safe to repeat whatever it does, and the next attempt finds the grain's new home.
/// Without it the client gets a 503 for a write nobody made (README, Rolling restarts). Timeouts and dead silos are
/// not repeated: such a call may have run.
/// </summary>
public sealed partial class RejectedCallRetry(TimeProvider time, ILogger<RejectedCallRetry> logger) : IOutgoingGrainCallFilter
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The pause before attempt n+1 is n times this: long enough for the grain directory to move on.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? rejection;
            try
            {
                await context.Invoke();
                rejection = context.Response?.Exception is { } failure && IsRejection(failure) ? failure : null;
            }
            catch (OrleansMessageRejectionException e) when (IsRejection(e) && attempt < MaxAttempts)
            {
                rejection = e;
            }
            if (rejection is null || attempt == MaxAttempts)
            {
                return;
            }
            LogRetrying(logger, context.InterfaceName, context.MethodName, attempt, rejection.Message);
            await Task.Delay(Pause * attempt, time);
        }
    }

    /// <summary>SiloUnavailableException is a rejection too, but it fails calls that were in flight to a dead silo.</summary>
    private static bool IsRejection(Exception e) => e is OrleansMessageRejectionException and not SiloUnavailableException;

    [LoggerMessage(EventId = 5702, Level = LogLevel.Information, Message = "{Interface}.{Method} was rejected on attempt {Attempt}, sending it again: {Detail}")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, int attempt, string detail);
}
