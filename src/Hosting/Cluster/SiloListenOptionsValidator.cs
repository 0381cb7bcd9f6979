using PubkyCluster.Hosting.Web;

namespace PubkyCluster.Hosting.Cluster;

/// <summary>A silo process serves its probes and /metrics on Listen:MetricsPort, so it cannot be turned off there.</summary>
public sealed class SiloListenOptionsValidator : IValidateOptions<ListenOptions>
{
    public ValidateOptionsResult Validate(string? name, ListenOptions options) =>
        options.MetricsPort == 0
            ? ValidateOptionsResult.Fail("Listen:MetricsPort must be a port number in a silo process: it serves the probes and /metrics.")
            : ValidateOptionsResult.Success;
}
