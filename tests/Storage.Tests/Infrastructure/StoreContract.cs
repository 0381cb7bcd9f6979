namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>
/// Base of every contract suite: an adapter supplies <see cref="OpenAsync"/>; each test opens fresh stores under
/// new names (so tests never share data) and everything opened is closed when the test ends.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owners = [];

    /// <summary>Opens the store called <paramref name="name"/>; the same name opens the same data through a new instance.</summary>
    protected abstract Task<OpenedStore<TStore>> OpenAsync(string name);

    /// <summary>A store no other test uses.</summary>
    protected Task<TStore> OpenFreshAsync() => OpenNamedAsync(NewName());

    protected async Task<TStore> OpenNamedAsync(string name)
    {
        var opened = await OpenAsync(name);
        _owners.Add(opened.Owner);
        return opened.Store;
    }

    protected static string NewName() => Guid.NewGuid().ToString("N");

    /// <summary>Closes every instance opened so far, as a process exit would.</summary>
    protected async Task CloseAllAsync()
    {
        foreach (var owner in _owners)
        {
            await owner.DisposeAsync();
        }

        _owners.Clear();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => CloseAllAsync();
}
