using Microsoft.Extensions.Options;

namespace PubkyCluster.Gateway.Hosting;

/// <summary>Limits the gateway enforces on requests (configuration section "Limits", shared with the user limits).</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>The largest file body a PUT may carry; larger bodies get 413. The reference has no effective limit here.</summary>
    public long MaxBodyBytes { get; set; } = 100L * 1024 * 1024;
}

public sealed class RequestLimitsOptionsValidator : IValidateOptions<RequestLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitsOptions options) =>
        options.MaxBodyBytes < 1
            ? ValidateOptionsResult.Fail("Limits:MaxBodyBytes must be at least 1.")
            : ValidateOptionsResult.Success;
}
