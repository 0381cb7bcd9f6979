namespace Pubky.Protocol.Encoding;

/// <summary>The two base32 alphabets of the protocol.</summary>
public static class Base32Alphabets
{
    private const string ZBase32Symbols = "ybndrfg8ejkmcpqxot1uwisza345h769";
    private const string CrockfordSymbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>z-base-32 for public keys. Emits lowercase, reads either case (DNS names are case-insensitive).</summary>
    public static Base32Codec ZBase32 { get; } = new(
        ZBase32Symbols,
        ZBase32Symbols.Select((c, i) => (char.ToUpperInvariant(c), i)));

    /// <summary>
    /// Crockford base32 for session secrets and signup tokens. Emits uppercase, reads either case and the
    /// look-alikes O→0, I/L→1 that Crockford's definition allows.
    /// </summary>
    public static Base32Codec Crockford { get; } = new(
        CrockfordSymbols,
        CrockfordSymbols.Select((c, i) => (char.ToLowerInvariant(c), i))
            .Concat([('O', 0), ('o', 0), ('I', 1), ('i', 1), ('L', 1), ('l', 1)]));
}
