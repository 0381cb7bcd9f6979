namespace PubkyCluster.Storage.Embedded.Blobs;

/// <summary>
/// Blob ids become file names, so only [A-Za-z0-9_-] is accepted: no separators, dots or traversal can reach the
/// file system.
/// </summary>
internal static class BlobIds
{
    /// <summary>Leaves room for the temporary-file suffix within a 255-byte file name.</summary>
    public const int MaxLength = 200;

    public static void Validate(string blobId)
    {
        ArgumentNullException.ThrowIfNull(blobId);
        if (!IsValid(blobId))
        {
            throw new ArgumentException(
                $"A blob id is 1 to {MaxLength} characters of [A-Za-z0-9_-].", nameof(blobId));
        }
    }

    public static bool IsValid(string candidate) =>
        candidate.Length is > 0 and <= MaxLength && candidate.All(IsIdCharacter);

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
