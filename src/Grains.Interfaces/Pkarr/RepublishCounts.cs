namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// What one republish pass did with the users it looked at: put back on the DHT, skipped because their record points
/// at another homeserver, missing because no packet was found anywhere, or failed to reach enough DHT nodes.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.RepublishCounts")]
public sealed record RepublishCounts(
    [property: Id(0)] int Published,
    [property: Id(1)] int Skipped,
    [property: Id(2)] int Missing,
    [property: Id(3)] int Failed)
{
    public static RepublishCounts None { get; } = new(0, 0, 0, 0);

    public int Total => Published + Skipped + Missing + Failed;

    public static RepublishCounts operator +(RepublishCounts a, RepublishCounts b) =>
        new(a.Published + b.Published, a.Skipped + b.Skipped, a.Missing + b.Missing, a.Failed + b.Failed);
}
