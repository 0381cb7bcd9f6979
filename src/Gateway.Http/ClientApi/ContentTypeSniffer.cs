using Microsoft.AspNetCore.StaticFiles;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// The stored Content-Type, decided as the reference does: magic bytes of the first received data when they are
/// recognised, else the file extension, else application/octet-stream. The request's own Content-Type is ignored.
/// </summary>
public sealed class ContentTypeSniffer
{
    public const string Fallback = "application/octet-stream";

    /// <summary>How many leading bytes the magic checks need.</summary>
    public const int PrefixLength = 32;

    private static readonly (int Offset, byte[] Magic, string Type)[] Signatures =
    [
        (0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        (0, [0xFF, 0xD8, 0xFF], "image/jpeg"),
        (0, "GIF87a"u8.ToArray(), "image/gif"),
        (0, "GIF89a"u8.ToArray(), "image/gif"),
        (0, "%PDF"u8.ToArray(), "application/pdf"),
        (0, [0x50, 0x4B, 0x03, 0x04], "application/zip"),
        (0, [0x1F, 0x8B], "application/gzip"),
        (0, "ID3"u8.ToArray(), "audio/mpeg"),
        (0, "OggS"u8.ToArray(), "audio/ogg"),
        (0, [0x00, 0x61, 0x73, 0x6D], "application/wasm"),
        (0, "II*\0"u8.ToArray(), "image/tiff"),
        (0, "MM\0*"u8.ToArray(), "image/tiff"),
        (0, "SQLite format 3\0"u8.ToArray(), "application/vnd.sqlite3"),
        (4, "ftyp"u8.ToArray(), "video/mp4"),
    ];

    private readonly FileExtensionContentTypeProvider _extensions = new();

    public string Sniff(ReadOnlySpan<byte> prefix, string path)
    {
        if (prefix.Length >= 12 && prefix[..4].SequenceEqual("RIFF"u8))
        {
            if (prefix[8..12].SequenceEqual("WEBP"u8))
            {
                return "image/webp";
            }
            if (prefix[8..12].SequenceEqual("WAVE"u8))
            {
                return "audio/x-wav";
            }
        }
        foreach (var (offset, magic, type) in Signatures)
        {
            if (prefix.Length >= offset + magic.Length && prefix.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return type;
            }
        }
        return _extensions.TryGetContentType(path, out var byExtension) ? byExtension : Fallback;
    }
}
