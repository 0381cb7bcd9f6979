using System.Collections.Concurrent;
using PubkyCluster.Grains.HttpRelay;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>
/// Sees every call to a relay channel or inbox grain, so a test can wait until a /link or /inbox request has reached
/// its grain (a real event, waited for with a bound) instead of sleeping and hoping it has.
/// </summary>
public sealed class RelayCallProbe : IIncomingGrainCallFilter
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType is not { } grain || (grain != typeof(IHttpRelayChannelGrain) && grain != typeof(IHttpRelayInboxGrain)))
        {
            await context.Invoke();
            return;
        }
        var channel = context.TargetId.Key.ToString()!;
        Signal(channel, context.MethodName, "started").Release();
        try
        {
            await context.Invoke();
        }
        finally
        {
            Signal(channel, context.MethodName, "finished").Release();
        }
    }

    /// <summary>Waits for the next call of <paramref name="method"/> on <paramref name="channel"/> to start.</summary>
    public Task StartedAsync(string channel, string method) => WaitAsync(channel, method, "started");

    /// <summary>Waits for the next call of <paramref name="method"/> on <paramref name="channel"/> to finish.</summary>
    public Task FinishedAsync(string channel, string method) => WaitAsync(channel, method, "finished");

    private async Task WaitAsync(string channel, string method, string phase)
    {
        if (!await Signal(channel, method, phase).WaitAsync(Patience))
        {
            throw new TimeoutException($"No call of {method} on relay grain {channel} {phase} within {Patience}.");
        }
    }

    private SemaphoreSlim Signal(string channel, string method, string phase) =>
        _signals.GetOrAdd($"{channel} {method} {phase}", _ => new SemaphoreSlim(0));
}
