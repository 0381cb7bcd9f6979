namespace PubkyCluster.Storage.Ports;

/// <summary>
/// What a write at one path would meet, read in one step: whether it collides with the user's entries (see
/// <see cref="IUserStore.InspectWriteAsync"/>) and the entry now at the path, if any.
/// </summary>
public sealed record WriteTarget(bool Collides, EntryRecord? Current);
