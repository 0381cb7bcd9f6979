namespace Pubky.Client.Auth;

/// <summary>The signer's answer could not become a session: it does not decrypt with the flow's secret, its token is refused, or the user has no homeserver record.</summary>
public sealed class AuthFlowException(string message, Exception? inner = null) : Exception(message, inner);
