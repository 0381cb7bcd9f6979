using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi.Dav;

/// <summary>A homeserver whose admin WebDAV reads listings two entries at a time, so every listing of three or more spans pages.</summary>
public sealed class DavHomeserver : IAsyncLifetime
{
    public const int PageSize = 2;

    private TestHomeserver? _server;

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    public async Task InitializeAsync() =>
        _server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Admin:DavPageSize"] = PageSize.ToString() });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
