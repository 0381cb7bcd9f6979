namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>The owner of a store that holds nothing open.</summary>
public sealed class NothingToClose : IAsyncDisposable
{
    public static NothingToClose Instance { get; } = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
