namespace PubkyCluster.Grains.Users;

/// <summary>What a user stores: used bytes count each file's length plus 256 bytes of metadata overhead.</summary>
[GenerateSerializer, Immutable, Alias("pubky.UserUsage")]
public sealed record UserUsage(
    [property: Id(0)] long UsedBytes,
    [property: Id(1)] long FileCount,
    [property: Id(2)] DateTimeOffset? LastWrite);
