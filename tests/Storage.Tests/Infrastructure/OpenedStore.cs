namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>A store instance and what must be disposed to close it (its connections, its files).</summary>
public sealed record OpenedStore<TStore>(TStore Store, IAsyncDisposable Owner);
