namespace Pubky.Protocol.Auth;

/// <summary>An AuthToken that was refused; <see cref="Exception.Message"/> is the reference's text for the 400 body.</summary>
public sealed class InvalidAuthTokenException(AuthTokenError error, string message) : PubkyFormatException(message)
{
    public AuthTokenError Error { get; } = error;

    public static InvalidAuthTokenException AlreadyUsed() => new(AuthTokenError.AlreadyUsed, "AuthToken already used");
}
