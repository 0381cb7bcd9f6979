namespace PubkyCluster.Storage.Tests.Sweeping;

/// <summary>A clock that says what the test wants.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
