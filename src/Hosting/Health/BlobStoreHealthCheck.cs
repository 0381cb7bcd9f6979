using Microsoft.Extensions.Diagnostics.HealthChecks;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Hosting.Health;

/// <summary>The gateway streams bodies itself, so it is ready only while its blob store answers (a read of an id never written).</summary>
public sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    private const string ProbeBlobId = "healthz-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var body = await blobs.OpenReadAsync(ProbeBlobId, cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
