namespace Pubky.Protocol.Paths;

/// <summary>
/// A decoded request path that breaks the WebDAV path rules of <see cref="WebDavPath"/>. The message is the reason
/// only: tenant routes answer 400 <c>"Invalid URL: &lt;reason&gt;"</c> and the event stream's <c>path</c> filter
/// answers 400 <c>"Invalid path: &lt;reason&gt;"</c>, so the HTTP layer adds the prefix.
/// </summary>
public sealed class InvalidPathException(string message) : PubkyFormatException(message);
