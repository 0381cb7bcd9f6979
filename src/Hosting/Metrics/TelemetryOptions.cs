namespace PubkyCluster.Hosting.Metrics;

/// <summary>Where metrics are pushed besides the Prometheus scrape on /metrics (configuration section "Telemetry").</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// An OTLP collector's URL; unset, nothing is pushed. With <see cref="OtlpProtocol.HttpProtobuf"/> it is the full
    /// metrics URL (…/v1/metrics), as the exporter sends to it unchanged.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    public OtlpProtocol OtlpProtocol { get; set; } = OtlpProtocol.Grpc;
}

public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            errors.Add($"Telemetry:OtlpEndpoint must be an absolute http or https URL, not '{endpoint}'.");
        }
        if (!Enum.IsDefined(options.OtlpProtocol))
        {
            errors.Add($"Telemetry:OtlpProtocol must be Grpc or HttpProtobuf, not '{options.OtlpProtocol}'.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
