using System.Diagnostics.CodeAnalysis;

namespace Pubky.Protocol.Hashing;

/// <summary>
/// The BLAKE3-256 hash of a stored file. It travels as standard base64 with '=' padding: quoted as the strong
/// <c>ETag</c> (46 chars) and bare as the SSE <c>content_hash</c> (44 chars), as in pubky-core v0.6.0's
/// pubky-homeserver/src/client_server/routes/tenants/read.rs and routes/events.rs.
/// </summary>
public sealed class ContentHash : IEquatable<ContentHash>
{
    public const int Length = Blake3Hasher.HashLength;

    /// <summary>Characters of the bare base64 form: 43 symbols and one '='.</summary>
    public const int Base64Length = 44;

    /// <summary>Characters of the ETag form: the base64 form in double quotes.</summary>
    public const int ETagLength = Base64Length + 2;

    private readonly byte[] _bytes;

    private ContentHash(byte[] bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Wraps a 32-byte BLAKE3 output, such as <see cref="Blake3Hasher.Finish()"/> returns.</summary>
    public static ContentHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A content hash is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }
        return new ContentHash(bytes.ToArray());
    }

    /// <summary>Hashes a whole body at once; streamed bodies go through <see cref="Blake3Hasher"/>.</summary>
    public static ContentHash Compute(ReadOnlySpan<byte> content) => new(Blake3Hasher.Hash(content));

    /// <summary>The bare form, e.g. the SSE <c>content_hash</c> line.</summary>
    public string ToBase64() => Convert.ToBase64String(_bytes);

    /// <summary>The strong ETag header value, quotes included.</summary>
    public string ToETag() => "\"" + ToBase64() + "\"";

    public override string ToString() => ToBase64();

    /// <summary>
    /// Reads the bare 44-character form. Only the canonical spelling is accepted (no whitespace, padding present,
    /// unused low bits zero), so parsing and formatting are exact inverses.
    /// </summary>
    public static bool TryParseBase64(string? text, [NotNullWhen(true)] out ContentHash? hash)
    {
        hash = null;
        if (text is not { Length: Base64Length } || !IsBase64Text(text))
        {
            return false;
        }
        var bytes = new byte[Length];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written != Length)
        {
            return false;
        }
        var candidate = new ContentHash(bytes);
        if (!string.Equals(candidate.ToBase64(), text, StringComparison.Ordinal))
        {
            return false;
        }
        hash = candidate;
        return true;
    }

    public static ContentHash ParseBase64(string text) =>
        TryParseBase64(text, out var hash) ? hash : throw new InvalidContentHashException("Invalid content hash");

    /// <summary>Reads the quoted 46-character ETag form (no weak <c>W/</c> prefix: the server only emits strong tags).</summary>
    public static bool TryParseETag(string? text, [NotNullWhen(true)] out ContentHash? hash)
    {
        hash = null;
        return text is { Length: ETagLength }
            && text[0] == '"'
            && text[^1] == '"'
            && TryParseBase64(text[1..^1], out hash);
    }

    public static ContentHash ParseETag(string text) =>
        TryParseETag(text, out var hash) ? hash : throw new InvalidContentHashException("Invalid ETag");

    public bool Equals(ContentHash? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as ContentHash);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public static bool operator ==(ContentHash? left, ContentHash? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(ContentHash? left, ContentHash? right) => !(left == right);

    private static bool IsBase64Text(string text)
    {
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] is not ('+' or '/'))
            {
                return false;
            }
        }
        return text[^1] == '=';
    }
}
