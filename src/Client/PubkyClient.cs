using System.Runtime.CompilerServices;
using Pubky.Client.Auth;
using Pubky.Client.Events;
using Pubky.Client.Http;
using Pubky.Client.Sessions;
using Pubky.Client.Storage;
using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;

namespace Pubky.Client;

/// <summary>
/// A client of one homeserver: sign a user up or in with an AuthToken (spec A8.1: signed with the user's key, the
/// capabilities asked for, a timestamp the server checks to within 45 s and never accepts twice), restore an exported
/// session, read anyone's public files, and follow the events. The <see cref="HttpClient"/> is the caller's (share one).
/// </summary>
public sealed class PubkyClient
{
    private readonly HomeserverHttp _http;
    private readonly TokenTimestamps _timestamps;

    public PubkyClient(HttpClient http, Homeserver homeserver, TimeProvider? clock = null)
        : this(http, homeserver, new TokenTimestamps(clock ?? TimeProvider.System))
    {
    }

    /// <summary>With the timestamps of a signer that signs other tokens for the same key too (<see cref="AuthSigner"/>'s signup, then approval).</summary>
    internal PubkyClient(HttpClient http, Homeserver homeserver, TokenTimestamps timestamps)
    {
        _http = new HomeserverHttp(http, homeserver);
        _timestamps = timestamps;
        Public = new PublicStorage(_http);
    }

    public Homeserver Homeserver => _http.Homeserver;

    public PublicStorage Public { get; }

    /// <summary>Creates the user's account (with <paramref name="signupToken"/> when the homeserver requires one) and a session.</summary>
    /// <exception cref="Errors.PubkyRequestException">409 "User already exists", 400 "Token required", 401 "Invalid token", …</exception>
    public async Task<PubkySession> SignupAsync(
        Keypair keypair, string? signupToken = null, CapabilityList? capabilities = null, CancellationToken cancellation = default)
    {
        var path = signupToken is null ? "/signup" : "/signup?signup_token=" + Uri.EscapeDataString(signupToken);
        return await SessionFromAsync(_http.Request(HttpMethod.Post, path, Homeserver.Key), Sign(keypair, capabilities), cancellation);
    }

    /// <summary>A new session for a user who has an account here.</summary>
    /// <exception cref="Errors.PubkyRequestException">404 "Not Found" when the user has no account here.</exception>
    public Task<PubkySession> SigninAsync(Keypair keypair, CapabilityList? capabilities = null, CancellationToken cancellation = default) =>
        SigninAsync(Sign(keypair, capabilities), cancellation);

    /// <summary>A new session from a token someone else signed: the signer's answer in the third-party flow (<see cref="AuthFlow"/>).</summary>
    /// <exception cref="Errors.PubkyRequestException">404 "Not Found" when the token's user has no account here; 400 when the token is stale or used.</exception>
    public Task<PubkySession> SigninAsync(AuthToken token, CancellationToken cancellation = default) =>
        SessionFromAsync(_http.Request(HttpMethod.Post, "/session", token.PublicKey), token, cancellation);

    /// <summary>The session an <see cref="PubkySession.ExportSecret"/> came from, checked with the homeserver.</summary>
    /// <exception cref="FormatException">Not an exported secret.</exception>
    /// <exception cref="Errors.PubkyRequestException">404 "Not Found" when the session no longer exists.</exception>
    public async Task<PubkySession> RestoreAsync(string exportedSecret, CancellationToken cancellation = default)
    {
        var cookie = SessionCookie.Import(exportedSecret);
        using var response = await _http.SendAsync(_http.Request(HttpMethod.Get, "/session", cookie.User, cookie), cancellation);
        return new PubkySession(_http, SessionInfo.Decode(await response.Content.ReadAsByteArrayAsync(cancellation)), cookie);
    }

    /// <summary>One page of the global events feed after <paramref name="cursor"/> (spec A5.2; public paths only).</summary>
    public async Task<EventFeedPage> ReadEventsAsync(long cursor = 0, int? limit = null, CancellationToken cancellation = default)
    {
        var query = $"/events/?cursor={cursor}" + (limit is { } l ? $"&limit={l}" : "");
        using var response = await _http.SendAsync(_http.Request(HttpMethod.Get, query, Homeserver.Key), cancellation);
        return EventFeedPage.Parse(await response.Content.ReadAsStringAsync(cancellation));
    }

    /// <summary>
    /// The events of the query's users as <c>/events-stream</c> sends them; with <paramref name="session"/> a user's own
    /// stream includes <c>/priv/</c>. The enumeration ends when the server ends the stream or on cancellation.
    /// </summary>
    public async IAsyncEnumerable<FeedEvent> StreamEventsAsync(
        EventStreamQuery query, PubkySession? session = null, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var request = _http.Request(HttpMethod.Get, query.PathAndQuery(), session?.User ?? Homeserver.Key, session?.Cookie);
        using var response = await _http.SendAsync(request, cancellation, completion: HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync(cancellation);
        await foreach (var message in EventStreamReader.ReadAsync(body, cancellation))
        {
            yield return message;
        }
    }

    private AuthToken Sign(Keypair keypair, CapabilityList? capabilities) =>
        AuthToken.Sign(keypair, capabilities ?? CapabilityList.Root, _timestamps.Next());

    private async Task<PubkySession> SessionFromAsync(HttpRequestMessage request, AuthToken token, CancellationToken cancellation)
    {
        request.Content = HomeserverHttp.Bytes(token.Encoded.ToArray());
        using var response = await _http.SendAsync(request, cancellation);
        var info = SessionInfo.Decode(await response.Content.ReadAsByteArrayAsync(cancellation));
        var cookie = SessionCookie.FromResponse(response, token.PublicKey)
            ?? throw new InvalidOperationException($"{Homeserver.Url} answered {request.RequestUri!.AbsolutePath} without a session cookie for {token.PublicKey.Z32}.");
        return new PubkySession(_http, info, cookie);
    }
}
