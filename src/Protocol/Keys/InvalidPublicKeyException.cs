namespace Pubky.Protocol.Keys;

/// <summary>A string or byte sequence that is not an Ed25519 public key; the message is the reference's text.</summary>
public sealed class InvalidPublicKeyException(string message) : PubkyFormatException(message);
