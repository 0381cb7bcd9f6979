using System.Security.Cryptography;
using Pubky.Protocol.Hashing;

namespace PubkyCluster.Storage.Ports;

/// <summary>
/// Blob ids: fresh for every upload, so an overwrite never changes a body a reader may be streaming. Adapters use them
/// as file and blob names, so only [A-Za-z0-9_-] is accepted: no separators, dots or traversal reach a file system.
/// An id names the user it was uploaded for (<see cref="OwnerOf"/>), so a store can find the one place that may
/// reference it from the id alone.
/// </summary>
public static class BlobIds
{
    /// <summary>Leaves room for a temporary-file suffix within a 255-byte file name.</summary>
    public const int MaxLength = 200;

    /// <summary>The random part: 128 bits in unpadded base64url.</summary>
    private const int RandomLength = 22;

    private const char OwnerSeparator = '_';

    /// <summary>The longest owner an id can name: <c>{random}_{owner}</c> fits in <see cref="MaxLength"/>.</summary>
    public const int MaxOwnerLength = MaxLength - RandomLength - 1;

    /// <summary>
    /// <c>{random}_{owner}</c>. The random part comes first because the file store fans bodies out into directories by
    /// the id's first characters, so one user's bodies still spread over all of them.
    /// </summary>
    /// <param name="owner">The user's key: 1 to <see cref="MaxOwnerLength"/> characters of [A-Za-z0-9-] (a z32 key is).</param>
    public static string New(string owner)
    {
        if (!IsOwner(owner))
        {
            throw new ArgumentException(
                $"A blob owner is 1 to {MaxOwnerLength} characters of [A-Za-z0-9-].", nameof(owner));
        }

        return Base64UrlNoPad.Encode(RandomNumberGenerator.GetBytes(16)) + OwnerSeparator + owner;
    }

    /// <summary>
    /// The user <see cref="New"/> made the id for, or null for an id it did not make (such as the bare random ids of
    /// earlier versions, exactly <see cref="RandomLength"/> characters, which can hold '_' themselves).
    /// </summary>
    public static string? OwnerOf(string blobId)
    {
        if (blobId.Length <= RandomLength + 1 || blobId[RandomLength] != OwnerSeparator || !IsValid(blobId))
        {
            return null;
        }

        var owner = blobId[(RandomLength + 1)..];
        return IsOwner(owner) ? owner : null;
    }

    public static void Validate(string blobId)
    {
        if (!IsValid(blobId))
        {
            throw new ArgumentException($"A blob id is 1 to {MaxLength} characters of [A-Za-z0-9_-].", nameof(blobId));
        }
    }

    public static bool IsValid(string candidate) =>
        candidate.Length is > 0 and <= MaxLength && candidate.All(IsIdCharacter);

    private static bool IsOwner(string candidate) =>
        candidate.Length is > 0 and <= MaxOwnerLength && candidate.All(c => c != OwnerSeparator && IsIdCharacter(c));

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
