using Orleans.Serialization;
using Orleans.Storage;

namespace PubkyCluster.Storage.GrainState;

/// <summary>
/// The grain-state serializer of both profiles: Orleans' binary serializer, so [Id]-numbered members give version
/// tolerance, behind the size cap. The cap sits in the serializer because both providers serialize before any I/O
/// (the official Azure Table provider in <c>AzureTableStorage.cs</c>, <c>ConvertToStorageFormat</c>), so an oversized
/// state is refused alike in each profile and nothing is stored. Left alone, the Azure provider would take up to
/// 960 KiB, more than Azurite holds.
/// </summary>
public sealed class GrainStateSerializer(Serializer serializer) : IGrainStorageSerializer
{
    private readonly OrleansGrainStorageSerializer _inner = new(serializer);

    /// <exception cref="GrainStateTooLargeException">The state serializes to more than <see cref="GrainStateLimits.MaxStateBytes"/>.</exception>
    public BinaryData Serialize<T>(T? input)
    {
        var data = _inner.Serialize(input);
        var length = data.ToMemory().Length;
        if (length > GrainStateLimits.MaxStateBytes)
        {
            throw new GrainStateTooLargeException(
                $"A grain state of type {typeof(T).Name} serializes to {length} bytes; the limit is {GrainStateLimits.MaxStateBytes}. "
                + "Keep growing data out of grain state.");
        }

        return data;
    }

    public T? Deserialize<T>(BinaryData input) => _inner.Deserialize<T>(input);
}
