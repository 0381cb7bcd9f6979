using System.Text;
using System.Text.Json;

namespace Pubky.Client.Storage;

/// <summary>
/// The signed-in user's own files, public and private, through their session (the JS client's <c>session.storage</c>):
/// writes need a capability that covers the path, reads of <c>/priv/</c> need the session.
/// </summary>
public sealed class SessionStorage
{
    private readonly StorageRequests _requests;

    internal SessionStorage(StorageRequests requests) => _requests = requests;

    public Task PutAsync(string path, ReadOnlyMemory<byte> body, string? contentType = null, CancellationToken cancellation = default) =>
        _requests.PutAsync(path, body, contentType, cancellation);

    /// <summary>Writes a body streamed from <paramref name="body"/>; <paramref name="length"/> lets the server check the quota before it reads.</summary>
    public Task PutAsync(string path, Stream body, long? length = null, CancellationToken cancellation = default) =>
        _requests.PutAsync(path, body, length, cancellation);

    public Task PutTextAsync(string path, string text, CancellationToken cancellation = default) =>
        _requests.PutAsync(path, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", cancellation);

    public Task PutJsonAsync<T>(string path, T value, JsonSerializerOptions? options = null, CancellationToken cancellation = default) =>
        _requests.PutAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, options), "application/json", cancellation);

    /// <exception cref="Errors.PubkyRequestException">404 "Not Found" when there is no such file.</exception>
    public Task<PubkyResource> GetAsync(string path, CancellationToken cancellation = default) => _requests.GetAsync(path, cancellation);

    public async Task<string> GetTextAsync(string path, CancellationToken cancellation = default) =>
        Encoding.UTF8.GetString((await _requests.GetAsync(path, cancellation)).Body);

    public async Task<T?> GetJsonAsync<T>(string path, JsonSerializerOptions? options = null, CancellationToken cancellation = default) =>
        JsonSerializer.Deserialize<T>((await _requests.GetAsync(path, cancellation)).Body, options);

    /// <summary>The body as a stream, not held in memory; dispose it.</summary>
    public Task<(Stream Body, ResourceStats Stats)> OpenAsync(string path, CancellationToken cancellation = default) =>
        _requests.OpenAsync(path, cancellation);

    /// <summary>The file's metadata (HEAD), or null when there is no such file.</summary>
    public Task<ResourceStats?> StatsAsync(string path, CancellationToken cancellation = default) => _requests.StatsAsync(path, cancellation);

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellation = default) =>
        await _requests.StatsAsync(path, cancellation) is not null;

    /// <exception cref="Errors.PubkyRequestException">404 "Not Found" when there is no such file.</exception>
    public Task DeleteAsync(string path, CancellationToken cancellation = default) => _requests.DeleteAsync(path, cancellation);

    public Task<IReadOnlyList<string>> ListAsync(string directory, ListOptions? options = null, CancellationToken cancellation = default) =>
        _requests.ListAsync(directory, options ?? new ListOptions(), cancellation);

    public IAsyncEnumerable<string> ListAllAsync(string directory, int pageSize = 1000, CancellationToken cancellation = default) =>
        _requests.ListAllAsync(directory, pageSize, cancellation);
}
