namespace Pubky.Protocol.Paths;

/// <summary>
/// A listing cursor or an events cursor that cannot be read. The message is exactly the reference's
/// 400 body, "Invalid cursor".
/// </summary>
public sealed class InvalidCursorException() : PubkyFormatException(DefaultMessage)
{
    public const string DefaultMessage = "Invalid cursor";
}
