using System.Buffers.Binary;
using Pubky.Protocol.Encoding;
using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Events;

/// <summary>
/// The events cursor of older servers: the event's <c>created_at</c> in microseconds as 8 big-endian bytes in
/// 13 Crockford base32 characters. Still accepted so that clients holding such a cursor can resume; the server maps
/// it to the id of the event with exactly that timestamp, as pubky-core v0.6.0 does in
/// pubky-homeserver/src/persistence/files/events/events_repository.rs.
/// </summary>
public static class LegacyTimestampCursor
{
    public const int Length = 13;

    public static string Encode(ulong micros)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, micros);
        return Base32Alphabets.Crockford.Encode(bytes);
    }

    /// <summary>Reads 13 Crockford characters (either case, with Crockford's look-alikes) into the microsecond timestamp.</summary>
    public static bool TryDecode(string? text, out ulong micros)
    {
        micros = 0;
        if (text is not { Length: Length } || !Base32Alphabets.Crockford.TryDecode(text, out var bytes))
        {
            return false;
        }
        micros = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return true;
    }

    public static ulong Decode(string text) =>
        TryDecode(text, out var micros) ? micros : throw new InvalidCursorException();
}
