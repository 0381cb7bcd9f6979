namespace PubkyCluster.Grains.Users;

/// <summary>A session as the user grain keeps it, under the SHA-256 of its secret.</summary>
[GenerateSerializer, Immutable, Alias("pubky.StoredSession")]
public sealed record StoredSession(
    [property: Id(0)] string Capabilities,
    [property: Id(1)] ulong CreatedAtMicros);
