namespace PubkyCluster.Grains.Events;

/// <summary>
/// One committed write, in global commit order: ids strictly increase and become visible in that order.
/// <see cref="ContentHash"/> is set for PUT and null for DEL.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.EventView")]
public sealed record EventView(
    [property: Id(0)] long Id,
    [property: Id(1)] string User,
    [property: Id(2)] bool IsDelete,
    [property: Id(3)] string Path,
    [property: Id(4)] byte[]? ContentHash,
    [property: Id(5)] ulong CreatedAtMicros);
