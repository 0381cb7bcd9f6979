using System.Text;
using Pubky.Client.Http;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Storage;

/// <summary>Anyone's public files (<c>/pub/…</c>), read without a session (the JS client's <c>pubky.publicStorage</c>).</summary>
public sealed class PublicStorage
{
    private readonly HomeserverHttp _http;

    internal PublicStorage(HomeserverHttp http) => _http = http;

    /// <exception cref="Errors.PubkyRequestException">404 "Not Found" when there is no such file.</exception>
    public Task<PubkyResource> GetAsync(PublicKey user, string path, CancellationToken cancellation = default) =>
        For(user).GetAsync(path, cancellation);

    public async Task<string> GetTextAsync(PublicKey user, string path, CancellationToken cancellation = default) =>
        Encoding.UTF8.GetString((await For(user).GetAsync(path, cancellation)).Body);

    public Task<(Stream Body, ResourceStats Stats)> OpenAsync(PublicKey user, string path, CancellationToken cancellation = default) =>
        For(user).OpenAsync(path, cancellation);

    public Task<ResourceStats?> StatsAsync(PublicKey user, string path, CancellationToken cancellation = default) =>
        For(user).StatsAsync(path, cancellation);

    public async Task<bool> ExistsAsync(PublicKey user, string path, CancellationToken cancellation = default) =>
        await For(user).StatsAsync(path, cancellation) is not null;

    public Task<IReadOnlyList<string>> ListAsync(PublicKey user, string directory, ListOptions? options = null, CancellationToken cancellation = default) =>
        For(user).ListAsync(directory, options ?? new ListOptions(), cancellation);

    public IAsyncEnumerable<string> ListAllAsync(PublicKey user, string directory, int pageSize = 1000, CancellationToken cancellation = default) =>
        For(user).ListAllAsync(directory, pageSize, cancellation);

    private StorageRequests For(PublicKey user) => new(_http, user, cookie: null);
}
