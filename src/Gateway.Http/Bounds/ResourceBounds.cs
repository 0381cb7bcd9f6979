namespace PubkyCluster.Gateway.Bounds;

/// <summary>This gateway's connection bounds, one per bounded resource, sized by <see cref="BoundsOptions"/>.</summary>
public sealed class ResourceBounds(IOptions<BoundsOptions> options, HomeserverMetrics metrics)
{
    public ConcurrencyBound EventStreams { get; } =
        new(BoundedResource.EventStreams, options.Value.EventStreamsPerAddress, options.Value.EventStreams, metrics);

    public ConcurrencyBound LinkWaits { get; } =
        new(BoundedResource.LinkWaits, options.Value.LinkWaitsPerAddress, options.Value.LinkWaits, metrics);

    public ConcurrencyBound InboxWaits { get; } =
        new(BoundedResource.InboxWaits, options.Value.InboxWaitsPerAddress, options.Value.InboxWaits, metrics);

    /// <summary>Inbox POSTs through this gateway whose entries have not yet expired; each holds its place for the inbox TTL.</summary>
    public ConcurrencyBound StoredInboxes { get; } =
        new(BoundedResource.StoredInboxes, options.Value.StoredInboxesPerAddress, options.Value.StoredInboxes, metrics);
}

public static class BoundsServices
{
    public static IServiceCollection AddResourceBounds(this IServiceCollection services) =>
        services.AddSingleton<ResourceBounds>().AddSingleton<AdminFailureLimiter>();
}
