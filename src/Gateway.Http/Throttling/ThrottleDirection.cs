namespace PubkyCluster.Gateway.Throttling;

/// <summary>Which way bytes flow; the name is the <c>direction</c> tag of <c>bandwidth_throttled_requests_total</c>.</summary>
public enum ThrottleDirection
{
    Read,
    Write,
}
