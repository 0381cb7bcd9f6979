using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Tests.Invariants;

/// <summary>
/// Holds the first <see cref="IUserGrain.CommitPut"/> back by <paramref name="delay"/> of fake time before the grain
/// sees it, as a silo failover between the upload and its commit would.
/// </summary>
internal sealed class CommitHoldBack(FakeTimeProvider clock, TimeSpan delay) : IIncomingGrainCallFilter
{
    private int _armed = 1;

    /// <summary>The blob ids of the commits held back.</summary>
    public ConcurrentQueue<string> HeldBack { get; } = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName == nameof(IUserGrain.CommitPut)
            && context.Request.GetArgument(0) is PutCommit commit
            && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            HeldBack.Enqueue(commit.BlobId);
            clock.Advance(delay);
        }
        return context.Invoke();
    }
}
