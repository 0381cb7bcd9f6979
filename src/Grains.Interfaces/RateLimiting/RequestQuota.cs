namespace PubkyCluster.Grains.RateLimiting;

/// <summary>
/// A request rate as a GCRA sees it: <see cref="Rate"/> requests are earned per <see cref="Window"/>, evenly, and at
/// most <see cref="Burst"/> may be spent at once. Sent with every call, so a bucket grain holds no configuration.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.RequestQuota")]
public sealed record RequestQuota(
    [property: Id(0)] int Rate,
    [property: Id(1)] TimeSpan Window,
    [property: Id(2)] int Burst);
