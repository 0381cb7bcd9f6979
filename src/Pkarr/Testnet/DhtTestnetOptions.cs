namespace Pubky.Pkarr.Testnet;

/// <summary>Shape of an in-process test network.</summary>
public sealed record DhtTestnetOptions
{
    /// <summary>Number of server-mode nodes.</summary>
    public int Size { get; init; } = 8;

    /// <summary>UDP port of the first node (e.g. 6881 like pubky's static testnet); 0 lets the OS choose every port.</summary>
    public int FirstPort { get; init; }

    public int TransactionIdLength { get; init; } = 2;

    /// <summary>Loopback answers arrive in microseconds, so tests can afford a short request timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public int MaxStoredItems { get; init; } = 1000;

    /// <summary>The clock of every node: timeouts, routing-table staleness and put-token rotation.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
