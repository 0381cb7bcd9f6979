namespace PubkyCluster.Grains.Users;

/// <summary>
/// The small persisted part of a user grain: sessions, the AuthToken replay window, grants with
/// their bearers, and the PoP nonce replay window. Files, used bytes and events
/// live in the user store, which commits them together.
/// </summary>
[GenerateSerializer, Alias("pubky.UserGrainState")]
public sealed class UserGrainState
{
    /// <summary>Sessions by the SHA-256 of their secret.</summary>
    [Id(0)]
    public Dictionary<string, StoredSession> Sessions { get; set; } = [];

    /// <summary>AuthToken replay ids seen, with the microsecond after which the token is too old to be accepted anyway.</summary>
    [Id(1)]
    public Dictionary<string, ulong> SeenAuthTokens { get; set; } = [];

    /// <summary>Grants by id (<c>jti</c>), each with its one live bearer.</summary>
    [Id(2)]
    public Dictionary<string, StoredGrant> Grants { get; set; } = [];

    /// <summary>The grant id of each live bearer, by the bearer's SHA-256.</summary>
    [Id(3)]
    public Dictionary<string, string> Bearers { get; set; } = [];

    /// <summary>PoP nonces seen, with the Unix second after which they are forgotten (twice the PoP window).</summary>
    [Id(4)]
    public Dictionary<string, long> SeenPopNonces { get; set; } = [];
}
