namespace Pubky.Protocol.Events;

/// <summary>
/// What a feed line prints of an event, as text a store keeps already validated: the owner's z-base-32 key and the
/// normalised path. A page of stored events is formatted from these without parsing each key and path again.
/// </summary>
public readonly record struct FeedEntry(long Id, EventKind Kind, string OwnerZ32, string Path)
{
    public static FeedEntry Of(PubkyEvent e) => new(e.Id, e.Kind, e.Resource.Owner.Z32, e.Resource.Path.Value);
}
