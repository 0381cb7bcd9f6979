using System.Net;

namespace Pubky.Client.Tests.Auth;

/// <summary>
/// Sits in front of the app's HTTP client: reports when the app's first GET on a relay channel goes out, and can answer
/// the first few of them with the relay's 408 "Request timed out" itself, so a test sees a long-poll timeout without
/// waiting for the relay's.
/// </summary>
public sealed class RelayProbe(int timeOutFirstGets = 0) : DelegatingHandler(new SocketsHttpHandler { UseCookies = false })
{
    private int _gets;

    public TaskCompletionSource FirstGetSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int TimedOutGets { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || !request.RequestUri!.AbsolutePath.StartsWith("/link/", StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }
        FirstGetSent.TrySetResult();
        if (Interlocked.Increment(ref _gets) <= timeOutFirstGets)
        {
            TimedOutGets++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.RequestTimeout) { Content = new StringContent("Request timed out") });
        }
        return base.SendAsync(request, cancellationToken);
    }
}
