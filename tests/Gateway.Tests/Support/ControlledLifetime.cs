using Microsoft.Extensions.Hosting;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>An application lifetime whose stopping signal the test raises, with no host behind it.</summary>
public sealed class ControlledLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
