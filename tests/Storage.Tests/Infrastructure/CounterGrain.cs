using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Tests.Infrastructure;

[Alias("pubky.tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Increment")]
    Task<int> IncrementAsync();
}

/// <summary>A grain persisting <see cref="CounterState"/> through the project's grain-state provider, as the real grains do.</summary>
public sealed class CounterGrain([PersistentState("counter", StorageNames.GrainState)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }
}
