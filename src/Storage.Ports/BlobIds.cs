using System.Security.Cryptography;
using Pubky.Protocol.Hashing;

namespace PubkyCluster.Storage.Ports;

/// <summary>
/// Blob ids: fresh for every upload, so an overwrite never changes a body a reader may be streaming. Adapters use them
/// as file and blob names, so only [A-Za-z0-9_-] is accepted: no separators, dots or traversal reach a file system.
/// </summary>
public static class BlobIds
{
    /// <summary>Leaves room for a temporary-file suffix within a 255-byte file name.</summary>
    public const int MaxLength = 200;

    /// <summary>128 random bits in unpadded base64url (22 characters).</summary>
    public static string New() => Base64UrlNoPad.Encode(RandomNumberGenerator.GetBytes(16));

    public static void Validate(string blobId)
    {
        if (!IsValid(blobId))
        {
            throw new ArgumentException($"A blob id is 1 to {MaxLength} characters of [A-Za-z0-9_-].", nameof(blobId));
        }
    }

    public static bool IsValid(string candidate) =>
        candidate.Length is > 0 and <= MaxLength && candidate.All(IsIdCharacter);

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
