using System.Text.Json;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Auth.Grants;

/// <summary>
/// A JWS in compact serialization (RFC 7515, EdDSA per RFC 8037) as pubky grants and PoPs use it: a header of exactly
/// <c>{"alg":"EdDSA","typ":…}</c>, a JSON payload, and an Ed25519 signature over <c>b64(header).b64(payload)</c>, all
/// three segments base64url without padding.
/// </summary>
public sealed class CompactJws
{
    public const string Algorithm = "EdDSA";

    private byte[] SigningInput { get; init; } = [];
    private byte[] Signature { get; init; } = [];

    public string HeaderAlgorithm { get; private init; } = "";

    public string Type { get; private init; } = "";

    /// <summary>The payload's JSON bytes.</summary>
    public byte[] Payload { get; private init; } = [];

    /// <summary>Null when the text is not three strict base64url segments with a JSON header and payload.</summary>
    public static CompactJws? TryParse(string? compact)
    {
        var parts = compact?.Split('.');
        if (parts is not { Length: 3 }
            || !Base64UrlNoPad.TryDecode(parts[0], out var header)
            || !Base64UrlNoPad.TryDecode(parts[1], out var payload)
            || !Base64UrlNoPad.TryDecode(parts[2], out var signature)
            || !TryReadHeader(header, out var algorithm, out var type))
        {
            return null;
        }
        return new CompactJws
        {
            HeaderAlgorithm = algorithm,
            Type = type,
            Payload = payload,
            SigningInput = System.Text.Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
            Signature = signature,
        };
    }

    /// <summary>Whether the header names EdDSA and <paramref name="signer"/> signed the first two segments.</summary>
    public bool IsSignedBy(PublicKey signer) =>
        HeaderAlgorithm == Algorithm && Signature.Length == Signatures.Length && signer.Verify(SigningInput, Signature);

    /// <summary>The signing side, as the SDK and the signer app do it.</summary>
    public static string Sign(Keypair signer, string type, ReadOnlySpan<byte> payloadJson)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = Algorithm, ["typ"] = type });
        var signingInput = $"{Base64UrlNoPad.Encode(header)}.{Base64UrlNoPad.Encode(payloadJson)}";
        return $"{signingInput}.{Base64UrlNoPad.Encode(signer.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput)))}";
    }

    /// <summary>The header must be an object holding exactly the string members "alg" and "typ".</summary>
    private static bool TryReadHeader(byte[] header, out string algorithm, out string type)
    {
        algorithm = type = "";
        try
        {
            using var document = JsonDocument.Parse(header);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || root.EnumerateObject().Count() != 2
                || !root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("typ", out var typ) || typ.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            algorithm = alg.GetString()!;
            type = typ.GetString()!;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
