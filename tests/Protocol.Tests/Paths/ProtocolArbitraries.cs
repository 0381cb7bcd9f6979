using FsCheck;
using FsCheck.Fluent;
using Pubky.Protocol.Events;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;
using Pubky.Protocol.Resources;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>
/// FsCheck generators for the path, resource, event and hash types, registered with
/// <c>[Property(Arbitrary = [typeof(ProtocolArbitraries)])]</c>. Segment names mix the awkward cases the WebDAV path
/// rules allow (Unicode, astral characters, '%', '*', '&lt;script&gt;', dots) so round trips are exercised where they
/// could break.
/// </summary>
public static class ProtocolArbitraries
{
    private static readonly PublicKey[] Keys = Enumerable.Range(1, 8).Select(KeyFromSecretByte).ToArray();

    private static readonly string[] NamePieces =
    [
        "a", "b", "file.txt", "über", "<script>", "*", "%", "%25", "a..", ".hidden", "x y", "😀", "\uE000", "-", "~",
        "example.con", "example.con-file", "pubky", "?", "#", "&", "=", "+", ":",
    ];

    private static readonly string[] RawPieces = ["", ".", "..", "a", "über", "b.c", "%", "😀", "a..", "pub", "priv"];

    /// <summary>Valid segment names: one or more pieces glued together, never "." or "..".</summary>
    public static Gen<string> SegmentName =>
        Gen.NonEmptyListOf(Gen.Elements(NamePieces)).Select(pieces => string.Concat(pieces.Take(4)));

    /// <summary>Unnormalized decoded paths: empty, '.', '..' and ordinary segments, maybe a trailing slash.</summary>
    public static Gen<string> RawPath =>
        Gen.Zip(
            Gen.ListOf(Gen.Elements(RawPieces)),
            Gen.Elements(true, false),
            (pieces, trailingSlash) => "/" + string.Join('/', pieces) + (trailingSlash ? "/" : string.Empty));

    public static Arbitrary<PublicKey> PublicKey() => Gen.Elements(Keys).ToArbitrary();

    /// <summary>Normalized paths under /pub/ or /priv/, files and directories.</summary>
    public static Arbitrary<WebDavPath> WebDavPath() =>
        (from root in Gen.Elements("pub", "priv")
         from names in Gen.ListOf(SegmentName)
         from trailingSlash in Gen.Elements(true, false)
         select Protocol.Paths.WebDavPath.Parse(
             "/" + root + "/" + string.Join('/', names) + (trailingSlash ? "/" : string.Empty)))
        .ToArbitrary();

    public static Arbitrary<PubkyResource> PubkyResource() =>
        Gen.Zip(PublicKey().Generator, WebDavPath().Generator, (owner, path) => new PubkyResource(owner, path))
            .ToArbitrary();

    public static Arbitrary<EventLine> EventLine() =>
        Gen.Zip(Gen.Elements(EventKind.Put, EventKind.Delete), PubkyResource().Generator, (kind, r) => new EventLine(kind, r))
            .ToArbitrary();

    public static Arbitrary<ContentHash> ContentHash() =>
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), Protocol.Hashing.ContentHash.Length)
            .Select(bytes => Protocol.Hashing.ContentHash.FromBytes(bytes))
            .ToArbitrary();

    /// <summary>Text built from protocol-looking tokens, so parsers meet near-misses and not only random noise.</summary>
    public static Gen<string> NearMiss =>
        Gen.ListOf(Gen.Elements(
                "pubky://", "pubky", "https://", "http://", "_pubky.", Keys[0].Z32, Keys[0].Z32[..51], "/", "//", ".", "..",
                "pub", "priv", "a", "%", "%2F", "%ZZ", "%C3", ":", ":8080", "?q", "#f", "\0", "\n", " ", "PUT ", "DEL ",
                "cursor: ", "\"", "=", "+", "-", "_", "0123456789ABC", "\uD800", "😀"))
            .Select(string.Concat);

    /// <summary>Random strings and protocol near-misses.</summary>
    public static Arbitrary<string> Garbage() =>
        Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty), NearMiss).ToArbitrary();

    private static PublicKey KeyFromSecretByte(int value)
    {
        var secret = new byte[Keypair.SecretLength];
        Array.Fill(secret, (byte)value);
        using var keypair = Keypair.FromSecret(secret);
        return keypair.PublicKey;
    }
}
