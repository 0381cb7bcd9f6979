namespace Pubky.Protocol.Hashing;

/// <summary>Text that is not a content hash in the form the parser expects (ETag or bare base64).</summary>
public sealed class InvalidContentHashException(string message) : PubkyFormatException(message);
