namespace PubkyCluster.Grains.Users;

/// <summary>
/// The small persisted part of a user grain: sessions and the AuthToken replay window. Files, used bytes and events
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
}
