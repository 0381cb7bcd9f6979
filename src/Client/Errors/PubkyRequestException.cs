using System.Net;

namespace Pubky.Client.Errors;

/// <summary>
/// A homeserver answered with an error status: the status and the server's own text (the reference's plain-text
/// error bodies, such as "User already exists" or "Disk space quota exceeded") are kept so callers can branch on them.
/// </summary>
public sealed class PubkyRequestException(HttpMethod method, string path, HttpStatusCode status, string serverMessage)
    : Exception($"{method} {path}: {(int)status} {serverMessage}")
{
    public HttpMethod Method { get; } = method;

    /// <summary>The request's path and query on the homeserver.</summary>
    public string Path { get; } = path;

    public HttpStatusCode Status { get; } = status;

    /// <summary>The response body as text (empty when the server sent none).</summary>
    public string ServerMessage { get; } = serverMessage;
}
