using System.Net;
using System.Net.Sockets;

namespace Pubky.Pkarr.Tests.Relay;

/// <summary>A scripted HTTP relay on 127.0.0.1 (HttpListener): each request is recorded and answered by the handler.</summary>
internal sealed class TestRelayServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<RecordedRequest, (int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers)> _handler;
    private readonly Task _serving;
    private readonly List<RecordedRequest> _requests = [];

    public TestRelayServer(Func<RecordedRequest, (int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers)> handler)
    {
        _handler = handler;
        var port = FreeTcpPort();
        Uri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Uri.AbsoluteUri);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Uri { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public static (int, byte[], IReadOnlyDictionary<string, string>?) Status(int status) => (status, [], null);

    public void Dispose()
    {
        _listener.Close();
        _serving.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase),
                body.ToArray());
            lock (_requests)
            {
                _requests.Add(request);
            }
            var (status, responseBody, headers) = _handler(request);
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            context.Response.ContentLength64 = responseBody.Length;
            await context.Response.OutputStream.WriteAsync(responseBody);
            context.Response.Close();
        }
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
