namespace Pubky.Protocol.Hashing;

/// <summary>
/// The pubkyauth flow's rendezvous name on the http relay (pubky-core v0.6.0: pubky-sdk/src/actors/auth/auth_flow.rs):
/// both the app and the signer derive it from the shared client secret, so the secret itself never appears in a
/// relay URL.
/// </summary>
public static class HttpRelayChannel
{
    /// <summary>Characters of a channel id: 32 bytes in unpadded base64url.</summary>
    public const int IdLength = 43;

    /// <summary><c>channel_id = base64url-no-pad(BLAKE3(client_secret))</c>.</summary>
    public static string IdFor(ReadOnlySpan<byte> clientSecret) => Base64UrlNoPad.Encode(Blake3Hasher.Hash(clientSecret));
}
