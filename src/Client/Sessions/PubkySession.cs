using System.Net;
using Pubky.Client.Http;
using Pubky.Client.Storage;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;

namespace Pubky.Client.Sessions;

/// <summary>
/// A signed-in user on their homeserver (cookie session, spec A8.4–A8.5): what the session may do
/// (<see cref="Info"/>), the user's files through it, and its export for <see cref="PubkyClient.RestoreAsync"/>.
/// </summary>
public sealed class PubkySession
{
    private readonly HomeserverHttp _http;

    internal PubkySession(HomeserverHttp http, SessionInfo info, SessionCookie cookie)
    {
        _http = http;
        Info = info;
        Cookie = cookie;
        Storage = new SessionStorage(new StorageRequests(http, cookie.User, cookie));
    }

    public PublicKey User => Cookie.User;

    /// <summary>The session as the homeserver answered it: the user, its capabilities, when it was made.</summary>
    public SessionInfo Info { get; private set; }

    public SessionCookie Cookie { get; }

    public SessionStorage Storage { get; }

    /// <summary>The secret that restores this session elsewhere (<c>&lt;z32&gt;:&lt;secret&gt;</c>); treat it as a password.</summary>
    public string ExportSecret() => Cookie.Export();

    /// <summary>The session as the homeserver knows it now, or null when it no longer exists (signed out, user gone).</summary>
    public async Task<SessionInfo?> RevalidateAsync(CancellationToken cancellation = default)
    {
        using var response = await _http.SendAsync(_http.Request(HttpMethod.Get, "/session", User, Cookie), cancellation, notFoundIsAnswer: true);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        Info = SessionInfo.Decode(await response.Content.ReadAsByteArrayAsync(cancellation));
        return Info;
    }

    /// <summary>Ends the session on the homeserver; signing out twice is not an error (e2e <c>signout_is_idempotent</c>).</summary>
    public async Task SignoutAsync(CancellationToken cancellation = default) =>
        (await _http.SendAsync(_http.Request(HttpMethod.Delete, "/session", User, Cookie), cancellation)).Dispose();
}
