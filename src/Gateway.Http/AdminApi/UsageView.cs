namespace PubkyCluster.Gateway.AdminApi;

/// <summary>The body of GET /users/{key}/usage. <see cref="UsedBytes"/> counts 256 bytes of overhead per file, as quotas do.</summary>
public sealed record UsageView(long UsedBytes, long Files, DateTimeOffset? LastWrite);
