namespace Pubky.Pkarr.Tests.Dht;

/// <summary>A clock tests move by hand, to cross staleness and TTL boundaries without waiting.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
