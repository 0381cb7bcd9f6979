using Pubky.Protocol;

namespace Pubky.Pkarr.Packets;

/// <summary>Bytes that are not a valid pkarr signed packet (wrong length, bad key, bad signature or unreadable DNS).</summary>
public sealed class SignedPacketFormatException(string message) : PubkyFormatException(message);
