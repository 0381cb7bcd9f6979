namespace PubkyCluster.Gateway.Bounds;

/// <summary>What a bound protects; the name is the <c>resource</c> tag of <c>resource_bound_refusals_total</c>.</summary>
public enum BoundedResource
{
    EventStreams,
    LinkWaits,
    AdminFailures,
    InboxWaits,
    StoredInboxes,
}

/// <summary>Whether a request was refused for its own address's share (429) or for the gateway's total (503).</summary>
public enum BoundScope
{
    None,
    Address,
    Total,
}

public static class BoundedResourceNames
{
    public static string MetricTag(this BoundedResource resource) => resource switch
    {
        BoundedResource.EventStreams => "event_streams",
        BoundedResource.LinkWaits => "link_waits",
        BoundedResource.AdminFailures => "admin_failures",
        BoundedResource.InboxWaits => "inbox_waits",
        BoundedResource.StoredInboxes => "stored_inboxes",
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, null),
    };
}
