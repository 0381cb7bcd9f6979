namespace PubkyCluster.Storage.Ports;

/// <summary>
/// What <see cref="IUserStore.CommitAsync"/> returns: the appended event, and the user's <see cref="UserRecord.Version"/>
/// after the commit, so the writer's next commit can skip reading the user back (null: the store keeps no version).
/// </summary>
public sealed record CommitReceipt(EventRecord Event, string? Version);
