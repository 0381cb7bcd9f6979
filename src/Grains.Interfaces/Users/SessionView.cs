namespace PubkyCluster.Grains.Users;

/// <summary>A stored session as GET /session shows it.</summary>
[GenerateSerializer, Immutable, Alias("pubky.SessionView")]
public sealed record SessionView(
    [property: Id(0)] string Capabilities,
    [property: Id(1)] ulong CreatedAtMicros);
