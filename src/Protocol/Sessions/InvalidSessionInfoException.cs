namespace Pubky.Protocol.Sessions;

/// <summary>Bytes that are not a SessionInfo.</summary>
public sealed class InvalidSessionInfoException(string message) : PubkyFormatException(message);
