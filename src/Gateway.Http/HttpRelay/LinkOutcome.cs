namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>How one side of a /link pairing ended. <see cref="Body"/> is the producer's body for a delivered consumer.</summary>
public sealed record LinkOutcome(LinkOutcomeKind Kind, byte[]? Body = null)
{
    public static LinkOutcome Delivered(byte[]? body = null) => new(LinkOutcomeKind.Delivered, body);

    public static LinkOutcome Displaced { get; } = new(LinkOutcomeKind.Displaced);

    public static LinkOutcome TimedOut { get; } = new(LinkOutcomeKind.TimedOut);

    public static LinkOutcome Abandoned { get; } = new(LinkOutcomeKind.Abandoned);
}

public enum LinkOutcomeKind
{
    /// <summary>The pairing happened: the consumer has the body, the producer's body was taken.</summary>
    Delivered,

    /// <summary>A later consumer took this consumer's place (the reference answers it 404).</summary>
    Displaced,

    /// <summary>No counterpart came within HttpRelay:TimeoutSeconds (408).</summary>
    TimedOut,

    /// <summary>The client went away; nothing is sent.</summary>
    Abandoned,
}
