namespace PubkyCluster.Grains.Users;

/// <summary>The answer to a write request. For an early quota refusal <see cref="QuotaBytes"/> names the quota.</summary>
[GenerateSerializer, Immutable, Alias("pubky.WriteDecision")]
public sealed record WriteDecision(
    [property: Id(0)] Refusal Refusal,
    [property: Id(1)] long QuotaBytes = 0)
{
    public static WriteDecision Allowed { get; } = new(Refusal.None);

    public bool IsAllowed => Refusal == Refusal.None;
}
