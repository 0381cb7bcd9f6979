using System.Diagnostics.Metrics;

namespace PubkyCluster.Gateway.RateLimiting;

/// <summary>
/// Requests refused by a rate limit, per rule: <c>rate_limited_requests_total{rule="GET /pub/** 10r/m burst 10 by Ip"}</c>
/// on /metrics, in the homeserver's meter.
/// </summary>
public sealed class RateLimitMetrics
{
    private readonly Counter<long> _limited;

    public RateLimitMetrics(IMeterFactory meterFactory) =>
        _limited = meterFactory.Create(HomeserverMetrics.MeterName)
            .CreateCounter<long>("rate_limited_requests", description: "Requests refused with 429 by a rate limit, by rule");

    public void Limited(RateLimitRule rule) => _limited.Add(1, new KeyValuePair<string, object?>("rule", rule.Id));
}
