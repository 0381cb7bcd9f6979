using System.Net;
using Pubky.Client.Http;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Storage;

/// <summary>The storage verbs on one user's files, with a session cookie (writes, private reads) or without (public reads).</summary>
internal sealed class StorageRequests(HomeserverHttp http, PublicKey user, SessionCookie? cookie)
{
    public async Task PutAsync(string path, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellation)
    {
        var request = http.Request(HttpMethod.Put, StoragePath.Escape(path), user, cookie);
        request.Content = HomeserverHttp.Bytes(body, contentType);
        (await http.SendAsync(request, cancellation)).Dispose();
    }

    /// <summary>Writes a body read from <paramref name="body"/> as it is sent, never held whole (large files, copies).</summary>
    public async Task PutAsync(string path, Stream body, long? length, CancellationToken cancellation)
    {
        var request = http.Request(HttpMethod.Put, StoragePath.Escape(path), user, cookie);
        request.Content = new StreamContent(body);
        request.Content.Headers.ContentLength = length;
        (await http.SendAsync(request, cancellation)).Dispose();
    }

    public async Task<PubkyResource> GetAsync(string path, CancellationToken cancellation)
    {
        using var response = await http.SendAsync(http.Request(HttpMethod.Get, StoragePath.Escape(path), user, cookie), cancellation);
        return new PubkyResource(await response.Content.ReadAsByteArrayAsync(cancellation), ResourceStats.From(response));
    }

    /// <summary>Streams a body without holding it: the caller disposes the stream (large files, the migration's copy).</summary>
    public async Task<(Stream Body, ResourceStats Stats)> OpenAsync(string path, CancellationToken cancellation)
    {
        var response = await http.SendAsync(
            http.Request(HttpMethod.Get, StoragePath.Escape(path), user, cookie), cancellation, completion: HttpCompletionOption.ResponseHeadersRead);
        return (await response.Content.ReadAsStreamAsync(cancellation), ResourceStats.From(response));
    }

    public async Task<ResourceStats?> StatsAsync(string path, CancellationToken cancellation)
    {
        using var response = await http.SendAsync(
            http.Request(HttpMethod.Head, StoragePath.Escape(path), user, cookie), cancellation, notFoundIsAnswer: true);
        return response.StatusCode == HttpStatusCode.NotFound ? null : ResourceStats.From(response);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellation) =>
        (await http.SendAsync(http.Request(HttpMethod.Delete, StoragePath.Escape(path), user, cookie), cancellation)).Dispose();

    /// <summary>One page of a directory: <c>pubky://</c> URLs in byte order; empty when the directory has no entry (the server's 404).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string directory, ListOptions options, CancellationToken cancellation)
    {
        if (!directory.EndsWith('/'))
        {
            throw new ArgumentException($"A directory path ends with '/': '{directory}'.", nameof(directory));
        }
        using var response = await http.SendAsync(
            http.Request(HttpMethod.Get, StoragePath.Escape(directory) + options.Query(), user, cookie), cancellation, notFoundIsAnswer: true);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        var text = await response.Content.ReadAsStringAsync(cancellation);
        return text.Length == 0 ? [] : text.Split('\n');
    }

    /// <summary>Every entry under <paramref name="directory"/>, page after page (deep, in byte order).</summary>
    public async IAsyncEnumerable<string> ListAllAsync(
        string directory, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        string? cursor = null;
        while (true)
        {
            var page = await ListAsync(directory, new ListOptions(pageSize, cursor), cancellation);
            foreach (var url in page)
            {
                yield return url;
            }
            // A page that ends where the last one did would repeat forever: the listing has ended (or the server is broken).
            if (page.Count < pageSize || page[^1] == cursor)
            {
                yield break;
            }
            cursor = page[^1];
        }
    }

}
