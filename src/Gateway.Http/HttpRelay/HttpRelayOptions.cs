namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>
/// The http relay's /link and /inbox (configuration section "HttpRelay"), served on Listen:HttpRelayPort. The inbox
/// defaults are pubky/http-relay v0.7.0's (src/http_relay/server.rs).
/// </summary>
public sealed class HttpRelayOptions
{
    public const string Section = "HttpRelay";

    /// <summary>How long a producer or consumer waits for its counterpart before 408; the reference waits ten minutes.</summary>
    public int TimeoutSeconds { get; set; } = 600;

    /// <summary>How long a <c>/inbox</c> read or ack wait long-polls before 408; short, to stay below proxies' timeouts.</summary>
    public int InboxTimeoutSeconds { get; set; } = 25;

    /// <summary>How long an inbox entry (its message, then its acknowledgement) lives after its POST.</summary>
    public int InboxTtlSeconds { get; set; } = 300;

    /// <summary>The largest inbox POST body (413 beyond it); the message travels in a grain call.</summary>
    public int InboxMaxBodyBytes { get; set; } = 2 * 1024;

    /// <summary>Concurrent reads, and separately ack waits, one inbox may hold across the cluster (503 beyond it).</summary>
    public int InboxWaitersPerId { get; set; } = 10;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan InboxTimeout => TimeSpan.FromSeconds(InboxTimeoutSeconds);

    public TimeSpan InboxTtl => TimeSpan.FromSeconds(InboxTtlSeconds);
}

public sealed class HttpRelayOptionsValidator : IValidateOptions<HttpRelayOptions>
{
    private const int MaxTimeoutSeconds = 3600;
    private const int MaxInboxTtlSeconds = 86400;
    private const int MaxInboxBodyBytes = 64 * 1024;
    private const int MaxInboxWaitersPerId = 1000;

    public ValidateOptionsResult Validate(string? name, HttpRelayOptions options)
    {
        var errors = new List<string>();
        Within(errors, nameof(HttpRelayOptions.TimeoutSeconds), options.TimeoutSeconds, MaxTimeoutSeconds);
        Within(errors, nameof(HttpRelayOptions.InboxTimeoutSeconds), options.InboxTimeoutSeconds, MaxTimeoutSeconds);
        Within(errors, nameof(HttpRelayOptions.InboxTtlSeconds), options.InboxTtlSeconds, MaxInboxTtlSeconds);
        Within(errors, nameof(HttpRelayOptions.InboxMaxBodyBytes), options.InboxMaxBodyBytes, MaxInboxBodyBytes);
        Within(errors, nameof(HttpRelayOptions.InboxWaitersPerId), options.InboxWaitersPerId, MaxInboxWaitersPerId);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Within(List<string> errors, string key, int value, int max)
    {
        if (value is < 1 || value > max)
        {
            errors.Add($"{HttpRelayOptions.Section}:{key} must be between 1 and {max}, not {value}.");
        }
    }
}
