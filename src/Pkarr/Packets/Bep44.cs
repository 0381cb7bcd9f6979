using System.Security.Cryptography;
using Pubky.Pkarr.Bencode;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Packets;

/// <summary>BEP44 mutable-item arithmetic shared by signed packets and the DHT.</summary>
public static class Bep44
{
    /// <summary>
    /// The bytes a mutable item's signature covers: the bencoded dictionary <c>{salt?, seq, v}</c> without its outer
    /// <c>d…e</c>, e.g. <c>3:seqi1e1:v12:Hello World!</c>. Produced by the canonical encoder so that key order and
    /// integer form cannot drift from what peers verify.
    /// </summary>
    public static byte[] Signable(ulong seq, ReadOnlySpan<byte> value, ReadOnlySpan<byte> salt = default)
    {
        var dictionary = new BencodeDictionary { { "seq", seq }, { "v", value.ToArray() } };
        if (!salt.IsEmpty)
        {
            dictionary.Add("salt", salt.ToArray());
        }
        return BencodeEncoder.Encode(dictionary)[1..^1];
    }

    /// <summary>The DHT key of a mutable item: <c>sha1(k ‖ salt)</c>; pkarr never uses a salt.</summary>
    public static byte[] Target(PublicKey key, ReadOnlySpan<byte> salt = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(key.Bytes);
        hash.AppendData(salt);
        return hash.GetHashAndReset();
    }
}
