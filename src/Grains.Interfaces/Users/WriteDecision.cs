using Pubky.Protocol.Quotas;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// The answer to a write request. For an early quota refusal <see cref="QuotaBytes"/> names the quota. An allowed write
/// carries <see cref="Checked"/>: handed back in the commit, it lets the grain skip the path checks it already made when
/// nothing was committed in between. <see cref="WriteRate"/> is the user's upload rate (null = unlimited).
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.WriteDecision")]
public sealed record WriteDecision(
    [property: Id(0)] Refusal Refusal,
    [property: Id(1)] long QuotaBytes = 0,
    [property: Id(2)] WriteCheck? Checked = null,
    [property: Id(3)] Bandwidth? WriteRate = null)
{
    public static WriteDecision Allowed { get; } = new(Refusal.None);

    public bool IsAllowed => Refusal == Refusal.None;
}
