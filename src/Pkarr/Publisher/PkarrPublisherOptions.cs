namespace Pubky.Pkarr.Publisher;

/// <summary>When a publish counts as done and how hard to retry (pubky's republisher policy).</summary>
public sealed record PkarrPublisherOptions
{
    /// <summary>Mainnet: pubky's republisher wants at least 10 DHT nodes holding the packet.</summary>
    public static PkarrPublisherOptions Mainnet { get; } = new();

    /// <summary>A handful of loopback nodes: one storing node is enough.</summary>
    public static PkarrPublisherOptions Testnet { get; } = new() { MinStoredNodes = 1 };

    public int MinStoredNodes { get; init; } = 10;

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Delay before the first retry; doubled each time up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
