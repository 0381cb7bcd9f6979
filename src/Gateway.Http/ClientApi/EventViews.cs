using Pubky.Protocol.Events;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;
using Pubky.Protocol.Resources;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>From the event log's records to the protocol's event lines.</summary>
public static class EventViews
{
    public static PubkyEvent ToPubkyEvent(this EventRecord e) => new(
        e.Id,
        e.IsDelete ? EventKind.Delete : EventKind.Put,
        new PubkyResource(PublicKey.ParseZ32(e.User), WebDavPath.Parse(e.Path)),
        e.ContentHash is null ? null : ContentHash.FromBytes(e.ContentHash));

    /// <summary>The feed line's parts as stored: the store keeps only keys and normalised paths the grain validated.</summary>
    public static FeedEntry ToFeedEntry(this EventRecord e) =>
        new(e.Id, e.IsDelete ? EventKind.Delete : EventKind.Put, e.User, e.Path);
}
