namespace PubkyCluster.Gateway.Http;

/// <summary>
/// While a silo is failing over, grain calls to the activations it held time out or are rejected until membership
/// declares it dead. That is not the client's fault and not a server bug: answer 503 with Retry-After, which
/// clients and proxies know to retry, instead of an empty 500.
/// </summary>
public static class ClusterUnavailable
{
    public const string Message = "Service temporarily unavailable, please retry";
    public const int RetryAfterSeconds = 5;

    public static Func<HttpContext, Func<Task>, Task> Guard => async (context, next) =>
    {
        try
        {
            await next();
        }
        catch (Exception e) when (IsUnavailability(e) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await PlainText.WriteAsync(context.Response, StatusCodes.Status503ServiceUnavailable, Message);
        }
    };

    public static bool IsUnavailability(Exception e) =>
        e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException;
}
