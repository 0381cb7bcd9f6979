namespace PubkyCluster.Grains.Users;

/// <summary>
/// A file read. <see cref="SessionSecretHash"/> is null without a usable session cookie. <see cref="Fresh"/> asks the
/// grain to read the store rather than its cache: the gateway sets it when the body the cached entry names is gone.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.ReadRequest")]
public sealed record ReadRequest(
    [property: Id(0)] string? SessionSecretHash,
    [property: Id(1)] string Path,
    [property: Id(2)] bool Fresh = false);
