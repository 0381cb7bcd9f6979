namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>The /link http relay (configuration section "HttpRelay"), served on Listen:HttpRelayPort.</summary>
public sealed class HttpRelayOptions
{
    public const string Section = "HttpRelay";

    /// <summary>How long a producer or consumer waits for its counterpart before 408; the reference waits ten minutes.</summary>
    public int TimeoutSeconds { get; set; } = 600;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}

public sealed class HttpRelayOptionsValidator : IValidateOptions<HttpRelayOptions>
{
    private const int MaxTimeoutSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, HttpRelayOptions options) =>
        options.TimeoutSeconds is < 1 or > MaxTimeoutSeconds
            ? ValidateOptionsResult.Fail($"HttpRelay:TimeoutSeconds must be between 1 and {MaxTimeoutSeconds}, not {options.TimeoutSeconds}.")
            : ValidateOptionsResult.Success;
}
