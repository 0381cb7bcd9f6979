namespace Pubky.Protocol.Paths;

/// <summary>
/// A listing cursor (A5.1) or an events cursor (A5.2) that cannot be read. The message is exactly the reference's
/// 400 body, "Invalid cursor".
/// </summary>
public sealed class InvalidCursorException() : PubkyFormatException(DefaultMessage)
{
    public const string DefaultMessage = "Invalid cursor";
}
