namespace Pubky.Pkarr.Relay;

/// <summary>Timeouts of the relay client (pkarr 3.10 defaults).</summary>
public sealed record PkarrRelayClientOptions
{
    /// <summary>Per GET; pkarr's default request timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Per PUT: a relay publishes to the DHT before answering, so pkarr allows three request timeouts.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>The clock both timeouts run on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
