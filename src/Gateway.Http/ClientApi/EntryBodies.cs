using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// The body an entry names, for the client GET and the admin WebDAV GET: small bodies from <see cref="BodyCache"/>,
/// others streamed from the blob store, never buffered whole.
/// </summary>
public sealed class EntryBodies(IBlobStore blobs, BodyCache bodies)
{
    /// <summary>The body as a result, or null when it is gone (an overwrite deleted it after the entry was read).</summary>
    public async Task<IResult?> OpenAsync(HttpResponse response, EntryView entry, CancellationToken cancellationToken)
    {
        if (bodies.Holds(entry.ContentLength))
        {
            return await bodies.GetAsync(entry.BlobId, entry.ContentLength, cancellationToken) is { } small
                ? Results.Bytes(small, entry.ContentType)
                : null;
        }
        if (await blobs.OpenReadAsync(entry.BlobId, cancellationToken) is not { } body)
        {
            return null;
        }
        response.ContentLength = entry.ContentLength;
        return Results.Stream(body, entry.ContentType);
    }
}
