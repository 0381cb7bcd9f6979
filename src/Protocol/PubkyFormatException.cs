namespace Pubky.Protocol;

/// <summary>
/// Input that does not follow the protocol. Every decoder in this library reports bad input through a subclass of this
/// exception (never another exception type), and its message is the text the reference answers with, so the HTTP layer
/// can return it as a 4xx body unchanged.
/// </summary>
public abstract class PubkyFormatException(string message) : FormatException(message);
