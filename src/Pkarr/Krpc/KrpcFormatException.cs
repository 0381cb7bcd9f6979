using Pubky.Protocol;

namespace Pubky.Pkarr.Krpc;

/// <summary>A datagram that is bencode but not a KRPC message we can act on; the node drops and counts it.</summary>
public sealed class KrpcFormatException(string message) : PubkyFormatException(message);
