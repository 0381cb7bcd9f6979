namespace PubkyCluster.Grains.Users;

/// <summary>The answer to a file read: a refusal, or the entry (null when no file is at the path).</summary>
[GenerateSerializer, Immutable, Alias("pubky.ReadOutcome")]
public sealed record ReadOutcome(
    [property: Id(0)] Refusal Refusal,
    [property: Id(1)] EntryView? Entry);
