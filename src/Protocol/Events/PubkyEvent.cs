using Pubky.Protocol.Hashing;
using Pubky.Protocol.Resources;

namespace Pubky.Protocol.Events;

/// <summary>
/// A recorded write: its id doubles as the cursor, a PUT carries the new content's hash and a DEL carries none,
/// which is what the feed and the SSE stream print.
/// </summary>
public sealed record PubkyEvent
{
    public PubkyEvent(long id, EventKind kind, PubkyResource resource, ContentHash? contentHash)
    {
        if ((kind == EventKind.Put) != (contentHash is not null))
        {
            throw new ArgumentException("A PUT event has a content hash and a DEL event has none.", nameof(contentHash));
        }
        Id = id;
        Kind = kind;
        Resource = resource;
        ContentHash = contentHash;
    }

    public long Id { get; }

    public EventKind Kind { get; }

    public PubkyResource Resource { get; }

    public ContentHash? ContentHash { get; }

    public EventLine Line => new(Kind, Resource);
}
