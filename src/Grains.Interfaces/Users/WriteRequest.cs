namespace PubkyCluster.Grains.Users;

/// <summary>
/// Who asks to write where. <see cref="SessionSecretHash"/> is null when the request carried no usable session cookie.
/// <see cref="DeclaredLength"/> is the Content-Length when the client sent one (it allows the early quota answer).
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.WriteRequest")]
public sealed record WriteRequest(
    [property: Id(0)] string? SessionSecretHash,
    [property: Id(1)] string Path,
    [property: Id(2)] long? DeclaredLength);
