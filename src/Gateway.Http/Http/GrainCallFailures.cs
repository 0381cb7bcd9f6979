namespace PubkyCluster.Gateway.Http;

/// <summary>
/// Grain-call failures that are not server bugs, answered as such on every listener (unless the response started):
/// while a silo fails over, calls to the activations it held time out or are rejected until membership declares it
/// dead, which is a 503 with Retry-After that clients and proxies retry, not an empty 500.
/// </summary>
public static partial class GrainCallFailures
{
    public const string UnavailableMessage = "Service temporarily unavailable, please retry";
    public const int RetryAfterSeconds = 5;

    /// <param name="logger">Says which failure it was: a rejected call never ran, a timed-out one may have.</param>
    public static Func<HttpContext, Func<Task>, Task> Guard(ILogger logger) => async (context, next) =>
    {
        try
        {
            await next();
        }
        catch (Exception e) when (IsUnavailability(e) && !context.Response.HasStarted)
        {
            LogUnavailable(logger, context.Request.Method, context.Request.Path, e.GetType().Name, e.Message);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await PlainText.WriteAsync(context.Response, StatusCodes.Status503ServiceUnavailable, UnavailableMessage);
        }
    };

    public static bool IsUnavailability(Exception e) =>
        e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException;

    [LoggerMessage(EventId = 5701, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503 after {Failure}: {Detail}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string failure, string detail);
}
