using System.Security.Cryptography;
using Pubky.Client.Crypto;
using Pubky.Client.Pkdns;
using Pubky.Client.Sessions;
using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;

namespace Pubky.Client.Auth;

/// <summary>
/// The keyless app's side of the pubkyauth flow (spec A10; pubky-core v0.6.0: pubky-sdk/src/actors/auth/auth_flow.rs):
/// show <see cref="AuthorizationUrl"/> to the user's signer, then <see cref="AwaitApprovalAsync"/> takes the signer's
/// encrypted AuthToken off the relay, checks it, finds the user's homeserver through PKARR and signs in with it.
/// Nothing waits before an await: the relay holds the signer's POST until the app's GET comes.
/// </summary>
public sealed class AuthFlow
{
    private readonly HttpClient _http;
    private readonly PkdnsClient _pkdns;
    private readonly TimeProvider _clock;

    private AuthFlow(HttpClient http, PkdnsClient pkdns, AuthRequest request, TimeProvider clock)
    {
        _http = http;
        _pkdns = pkdns;
        _clock = clock;
        Request = request;
    }

    public AuthRequest Request { get; }

    /// <summary>The <c>pubkyauth://signin?…</c> deep link to show (as a QR code) to the signer.</summary>
    public string AuthorizationUrl => Request.ToString();

    /// <summary>
    /// A new request with a fresh random client secret, through <paramref name="relay"/> (default
    /// <see cref="AuthRequest.DefaultRelay"/>); with <paramref name="signup"/> a signup link, for a user who has no account yet.
    /// </summary>
    public static AuthFlow Start(
        HttpClient http, PkdnsClient pkdns, CapabilityList capabilities, Uri? relay = null, AuthSignup? signup = null, TimeProvider? clock = null) =>
        new(http, pkdns,
            new AuthRequest(capabilities, relay ?? AuthRequest.DefaultRelay, RandomNumberGenerator.GetBytes(AuthRequest.SecretLength), signup),
            clock ?? TimeProvider.System);

    /// <summary>Waits (until <paramref name="cancellation"/>) for the signer's token, decrypted and verified (time window, signature).</summary>
    /// <exception cref="AuthFlowException">The message does not decrypt with this flow's secret, or its token is refused.</exception>
    public async Task<AuthToken> AwaitTokenAsync(CancellationToken cancellation = default)
    {
        var box = await new RelayLink(_http).ReceiveAsync(Request.ChannelUrl, cancellation);
        var plain = SecretBox.Decrypt(box, Request.Secret)
            ?? throw new AuthFlowException("The relay's message does not decrypt with this flow's secret: it is not an answer to this request.");
        try
        {
            return new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, _clock).Verify(plain);
        }
        catch (InvalidAuthTokenException e)
        {
            throw new AuthFlowException("The signer's AuthToken is refused: " + e.Message, e);
        }
    }

    /// <summary>Waits for the signer's token and signs in with it on the user's homeserver: the session has the capabilities the signer granted.</summary>
    /// <exception cref="AuthFlowException">As <see cref="AwaitTokenAsync"/>, or the user has no homeserver record.</exception>
    /// <exception cref="Errors.PubkyRequestException">The relay or the homeserver refused (404 when the user has no account there).</exception>
    public async Task<PubkySession> AwaitApprovalAsync(CancellationToken cancellation = default)
    {
        var token = await AwaitTokenAsync(cancellation);
        var homeserver = await _pkdns.ResolveHomeserverAsync(token.PublicKey, cancellation)
            ?? throw new AuthFlowException($"{token.PublicKey.Z32} has no homeserver in PKARR: nowhere to sign in.");
        return await new PubkyClient(_http, homeserver, _clock).SigninAsync(token, cancellation);
    }
}
