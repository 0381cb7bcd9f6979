namespace PubkyCluster.Gateway.Bounds;

/// <summary>
/// What one client address, and all clients together, may hold open on a gateway (configuration section "Bounds").
/// Loopback is not exempt: a port-forward or a local proxy makes every client look like loopback. The defaults leave
/// room for a busy local app (hundreds of streams and relay waits) while capping what one address can pin in memory.
/// </summary>
public sealed class BoundsOptions
{
    public const string Section = "Bounds";

    /// <summary>Open <c>/events-stream</c> connections per address (429 beyond it).</summary>
    public int EventStreamsPerAddress { get; set; } = 1000;

    /// <summary>Open <c>/events-stream</c> connections on this gateway (503 beyond it).</summary>
    public int EventStreams { get; set; } = 10000;

    /// <summary>Waiting <c>/link</c> requests per address (429 beyond it); a waiting producer holds up to 64 KiB for up to the relay timeout.</summary>
    public int LinkWaitsPerAddress { get; set; } = 1000;

    /// <summary>Waiting <c>/link</c> requests on this gateway (503 beyond it).</summary>
    public int LinkWaits { get; set; } = 10000;

    /// <summary>Waiting <c>/inbox</c> reads and ack waits per address (429 beyond it); each holds a connection for up to the inbox timeout.</summary>
    public int InboxWaitsPerAddress { get; set; } = 1000;

    /// <summary>Waiting <c>/inbox</c> reads and ack waits on this gateway (503 beyond it).</summary>
    public int InboxWaits { get; set; } = 10000;

    /// <summary>
    /// <c>/inbox</c> POSTs per address through this gateway within the inbox TTL (429 beyond it): each keeps up to 2 KiB in
    /// a grain until it expires. The reference caps its entries at 10,000 in all, evicting the oldest.
    /// </summary>
    public int StoredInboxesPerAddress { get; set; } = 1000;

    /// <summary><c>/inbox</c> POSTs through this gateway within the inbox TTL (503 beyond it).</summary>
    public int StoredInboxes { get; set; } = 10000;

    /// <summary>Wrong admin passwords an address may send within <see cref="AdminFailureWindow"/>; the next request gets 429.</summary>
    public int AdminFailuresPerAddress { get; set; } = 10;

    /// <summary>Counted from an address's first failure; when it has passed the address may try again.</summary>
    public TimeSpan AdminFailureWindow { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class BoundsOptionsValidator : IValidateOptions<BoundsOptions>
{
    public ValidateOptionsResult Validate(string? name, BoundsOptions options)
    {
        var errors = new List<string>();
        Positive(errors, nameof(BoundsOptions.EventStreamsPerAddress), options.EventStreamsPerAddress);
        Positive(errors, nameof(BoundsOptions.EventStreams), options.EventStreams);
        Positive(errors, nameof(BoundsOptions.LinkWaitsPerAddress), options.LinkWaitsPerAddress);
        Positive(errors, nameof(BoundsOptions.LinkWaits), options.LinkWaits);
        Positive(errors, nameof(BoundsOptions.InboxWaitsPerAddress), options.InboxWaitsPerAddress);
        Positive(errors, nameof(BoundsOptions.InboxWaits), options.InboxWaits);
        Positive(errors, nameof(BoundsOptions.StoredInboxesPerAddress), options.StoredInboxesPerAddress);
        Positive(errors, nameof(BoundsOptions.StoredInboxes), options.StoredInboxes);
        Positive(errors, nameof(BoundsOptions.AdminFailuresPerAddress), options.AdminFailuresPerAddress);
        if (options.AdminFailureWindow <= TimeSpan.Zero)
        {
            errors.Add($"{BoundsOptions.Section}:{nameof(BoundsOptions.AdminFailureWindow)} must be positive (a time span such as 00:05:00).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, int value)
    {
        if (value < 1)
        {
            errors.Add($"{BoundsOptions.Section}:{key} must be at least 1, not {value}.");
        }
    }
}
