namespace PubkyCluster.Gateway.RateLimiting;

/// <summary>Whom a rule counts requests for.</summary>
public enum RateLimitKey
{
    /// <summary>The client address (the peer, or what a trusted proxy forwarded).</summary>
    Ip,

    /// <summary>The signed-in user; an anonymous request is counted by its address.</summary>
    User,
}
