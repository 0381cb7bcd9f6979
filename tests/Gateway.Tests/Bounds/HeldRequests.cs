using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>Requests a bound test holds open from chosen loopback addresses, all ended when the test ends.</summary>
public sealed class HeldRequests : IAsyncDisposable
{
    private readonly CancellationTokenSource _end = new();
    private readonly List<HttpClient> _clients = [];
    private readonly List<Task> _requests = [];

    public HttpClient From(IPAddress address)
    {
        var client = LoopbackClient.From(address);
        _clients.Add(client);
        return client;
    }

    /// <summary>Sends a request from <paramref name="address"/> and keeps it open; cancel the returned source to end it sooner.</summary>
    public CancellationTokenSource Hold(IPAddress address, Uri url)
    {
        var leave = CancellationTokenSource.CreateLinkedTokenSource(_end.Token);
        _requests.Add(Ignore(From(address).GetAsync(url, leave.Token)));
        return leave;
    }

    private static async Task Ignore(Task<HttpResponseMessage> request)
    {
        try
        {
            (await request).Dispose();
        }
        catch (OperationCanceledException)
        {
            // The test ended this request on purpose.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _end.CancelAsync();
        await Task.WhenAll(_requests);
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        _end.Dispose();
    }
}
