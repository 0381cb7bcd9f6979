using Pubky.Protocol.Encoding;

namespace Pubky.Protocol.Keys;

/// <summary>
/// An Ed25519 public key: 32 bytes that decompress to a curve point, written as 52 lowercase z-base-32 characters.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    public const int Length = 32;
    public const int Z32Length = 52;

    /// <summary>The SDK's display form <c>pubky&lt;z32&gt;</c>; never accepted as a key on the server's wire.</summary>
    public const string DisplayPrefix = "pubky";

    private readonly byte[] _bytes;
    private NSec.Cryptography.PublicKey? _verifier;

    private PublicKey(byte[] bytes)
    {
        _bytes = bytes;
        Z32 = Base32Alphabets.ZBase32.Encode(bytes);
    }

    /// <summary>The canonical 52-character z-base-32 form: grain keys, hosts, cookie names and URIs use it.</summary>
    public string Z32 { get; }

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The SDK's display form, <c>pubky&lt;z32&gt;</c>.</summary>
    public string Display => DisplayPrefix + Z32;

    /// <summary>The pkarr URI form, <c>pk:&lt;z32&gt;</c>.</summary>
    public string Uri => "pk:" + Z32;

    public static PublicKey FromBytes(ReadOnlySpan<byte> bytes) =>
        TryFromBytes(bytes, out var key) ? key : throw new InvalidPublicKeyException(
            bytes.Length == Length
                ? "Invalid Ed25519 publickey; Cannot decompress Edwards point"
                : $"Invalid PublicKey length, expected 32 bytes but got: {bytes.Length}");

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out PublicKey key)
    {
        var copy = bytes.ToArray();
        if (copy.Length != Length || !Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.ValidatePublicKeyPartial(copy, 0))
        {
            key = null!;
            return false;
        }
        key = new PublicKey(copy);
        return true;
    }

    /// <summary>Exactly 52 z-base-32 characters: the form the wire and storage use.</summary>
    public static bool TryParseZ32(ReadOnlySpan<char> text, out PublicKey key)
    {
        if (ValidatedKeys.TryGet(text, out key))
        {
            return true;
        }
        if (text.Length == Z32Length && Base32Alphabets.ZBase32.TryDecode(text, out var bytes) && TryFromBytes(bytes, out key))
        {
            ValidatedKeys.Add(key);
            return true;
        }
        key = null!;
        return false;
    }

    public static PublicKey ParseZ32(string text) =>
        TryParseZ32(text, out var key) ? key : throw new InvalidPublicKeyException("Invalid PublicKey encoding");

    /// <summary>
    /// The reference's lenient parser (pkarr <c>PublicKey::from_str</c>): while the text is longer than a key it strips,
    /// in this order, a scheme up to the first ':', a leading "//", user info up to '@', a ":port", a path, a query, a
    /// fragment, surrounding dots, and finally keeps the last dot-separated label. So <c>pk:&lt;z32&gt;</c>,
    /// <c>https://foo.&lt;z32&gt;.:8888/x?q#h</c> and <c>_pubky.&lt;z32&gt;</c> all parse, while <c>&lt;z32&gt;:6287</c>
    /// does not (the scheme step eats the key) and neither does the display form <c>pubky&lt;z32&gt;</c>.
    /// </summary>
    public static bool TryParseLenient(string? text, out PublicKey key)
    {
        key = null!;
        if (text is null)
        {
            return false;
        }
        var s = text.AsSpan();
        if (s.Length > Z32Length)
        {
            s = AfterFirst(s, ':');
            if (s.Length > Z32Length && s.StartsWith("//"))
            {
                s = s[2..];
            }
            if (s.Length > Z32Length)
            {
                s = AfterFirst(s, '@');
            }
            foreach (var separator in ":/?#")
            {
                if (s.Length > Z32Length)
                {
                    s = BeforeFirst(s, separator);
                }
            }
            if (s.Length > Z32Length)
            {
                if (s.EndsWith("."))
                {
                    s = s.Trim('.');
                }
                var lastDot = s.LastIndexOf('.');
                if (lastDot >= 0)
                {
                    s = s[(lastDot + 1)..];
                }
            }
        }
        return TryParseZ32(s, out key);
    }

    /// <summary>The display form <c>pubky&lt;z32&gt;</c>: recognised so that callers can refuse or skip it explicitly.</summary>
    public static bool IsDisplayForm(string? text) =>
        text is { Length: Z32Length + 5 }
        && text.StartsWith(DisplayPrefix, StringComparison.Ordinal)
        && TryParseZ32(text.AsSpan(DisplayPrefix.Length), out _);

    /// <summary>What the SDK's <c>PublicKey.from</c> accepts: a bare z32 key or the display form.</summary>
    public static bool TryParseZ32OrDisplay(string? text, out PublicKey key)
    {
        key = null!;
        if (text is null)
        {
            return false;
        }
        var span = text.AsSpan();
        if (span.Length == Z32Length + DisplayPrefix.Length && span.StartsWith(DisplayPrefix))
        {
            span = span[DisplayPrefix.Length..];
        }
        return TryParseZ32(span, out key);
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Signatures.Length)
        {
            return false;
        }
        _verifier ??= NSec.Cryptography.PublicKey.Import(
            NSec.Cryptography.SignatureAlgorithm.Ed25519, _bytes, NSec.Cryptography.KeyBlobFormat.RawPublicKey);
        return NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(_verifier, message, signature);
    }

    public bool Equals(PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => Z32;

    public static bool operator ==(PublicKey? left, PublicKey? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(PublicKey? left, PublicKey? right) => !(left == right);

    private static ReadOnlySpan<char> AfterFirst(ReadOnlySpan<char> s, char separator)
    {
        var index = s.IndexOf(separator);
        return index >= 0 ? s[(index + 1)..] : s;
    }

    private static ReadOnlySpan<char> BeforeFirst(ReadOnlySpan<char> s, char separator)
    {
        var index = s.IndexOf(separator);
        return index >= 0 ? s[..index] : s;
    }
}
