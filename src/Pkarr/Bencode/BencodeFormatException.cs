using Pubky.Protocol;

namespace Pubky.Pkarr.Bencode;

/// <summary>Bytes that are not one well-formed bencoded value; KRPC answers such datagrams with silence or error 203.</summary>
public sealed class BencodeFormatException(string message) : PubkyFormatException(message);
