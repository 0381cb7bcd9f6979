using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>Bodies written and read through <see cref="IBlobStore"/> as the gateway does: streamed in chunks, completed.</summary>
internal static class Bodies
{
    /// <summary>Writes <paramref name="body"/> in chunks of <paramref name="chunk"/> bytes and completes the upload.</summary>
    public static async Task<string> UploadAsync(IBlobStore store, string id, byte[] body, int chunk = 4096)
    {
        await using var upload = await store.BeginUploadAsync(id);
        for (var offset = 0; offset < body.Length; offset += chunk)
        {
            await upload.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)));
        }

        await upload.CompleteAsync();
        return id;
    }

    public static async Task<byte[]> ReadAllAsync(IBlobStore store, string id)
    {
        await using var stream = await store.OpenReadAsync(id) ?? throw new InvalidOperationException($"No blob {id}.");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static async Task<bool> ExistsAsync(IBlobStore store, string id)
    {
        await using var stream = await store.OpenReadAsync(id);
        return stream is not null;
    }
}
