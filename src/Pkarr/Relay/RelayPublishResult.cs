namespace Pubky.Pkarr.Relay;

/// <summary>All relays' answers to one publish; it counts as published when a majority (n/2 rounded up) succeeded.</summary>
public sealed record RelayPublishResult(IReadOnlyList<RelayPublishOutcome> Outcomes)
{
    public int Succeeded => Outcomes.Count(o => o.Succeeded);

    public int Majority => (Outcomes.Count + 1) / 2;

    public bool IsMajority => Outcomes.Count > 0 && Succeeded >= Majority;
}
