namespace PubkyCluster.Grains.Users;

/// <summary>
/// A directory listing: <see cref="Directory"/> is a normalised path ending in '/', <see cref="Cursor"/> an exclusive
/// bound (a path of this user) or null. A page costs O(<see cref="Limit"/>) index lookups.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.ListRequest")]
public sealed record ListRequest(
    [property: Id(0)] string Directory,
    [property: Id(1)] string? Cursor,
    [property: Id(2)] int Limit,
    [property: Id(3)] bool Reverse,
    [property: Id(4)] bool Shallow);
