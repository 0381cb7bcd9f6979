using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace PubkyCluster.Storage.GrainState;

/// <summary>
/// What every grain storage of this project shares, whatever holds the bytes: Orleans' binary serializer behind the
/// state-size cap, fresh state through the activator, creating its tables when the silo starts (so a bad
/// configuration fails the start rather than a grain), and <see cref="IGrainStorage"/>'s overloads without a token.
/// Subclasses store and compare the bytes; a stale ETag must become <see cref="InconsistentStateException"/>.
/// </summary>
public abstract class PubkyGrainStorage(string name, IGrainStorageSerializer serializer, IActivatorProvider? activatorProvider)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    protected string Name => name;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{GetType().Name}-{name}", ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>A missing record gives a fresh state, no ETag and <c>RecordExists</c> false.</summary>
    public abstract Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    /// <summary>No ETag: the record must not exist yet. An ETag: the stored record must still carry it.</summary>
    /// <exception cref="InconsistentStateException">The stored record is not the one the grain read.</exception>
    /// <exception cref="GrainStateTooLargeException">The serialized state exceeds <see cref="GrainStateLimits.MaxStateBytes"/>.</exception>
    public abstract Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    /// <summary>Deletes the record if it still carries the ETag the grain read; then there is no ETag and no record.</summary>
    /// <exception cref="InconsistentStateException">The stored record is not the one the grain read.</exception>
    public abstract Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    protected abstract Task InitializeAsync(CancellationToken cancellationToken);

    /// <exception cref="GrainStateTooLargeException">The serialized state exceeds <see cref="GrainStateLimits.MaxStateBytes"/>.</exception>
    protected ReadOnlyMemory<byte> Serialize<T>(string stateName, GrainId grainId, T state)
    {
        var data = serializer.Serialize(state).ToMemory();
        if (data.Length > GrainStateLimits.MaxStateBytes)
        {
            throw new GrainStateTooLargeException(
                $"The state '{stateName}' of {grainId} serializes to {data.Length} bytes; the limit is {GrainStateLimits.MaxStateBytes}. "
                + "Keep growing data out of grain state.");
        }
        return data;
    }

    protected void Loaded<T>(IGrainState<T> grainState, byte[] data, string etag)
    {
        grainState.State = serializer.Deserialize<T>(new BinaryData(data));
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    protected void Missing<T>(IGrainState<T> grainState)
    {
        grainState.State = activatorProvider is null ? Activator.CreateInstance<T>() : activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    protected static void Written<T>(IGrainState<T> grainState, string etag)
    {
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    protected static void Cleared<T>(IGrainState<T> grainState)
    {
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
