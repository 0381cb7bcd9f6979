using Pubky.Client.Crypto;
using Pubky.Client.Pkdns;
using Pubky.Protocol.Auth;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Auth;

/// <summary>
/// The signer's side of the pubkyauth flow (spec A10 step 4; pubky-core v0.6.0: pubky-sdk/src/actors/signer/auth.rs):
/// an AuthToken for exactly the capabilities the link asks for, encrypted with the link's secret, posted to its relay
/// channel. A signup link is answered after signing up on its homeserver and pointing the user's PKARR record there,
/// which needs <paramref name="pkdns"/>.
/// </summary>
public sealed class AuthSigner(HttpClient http, PkdnsClient? pkdns = null, TimeProvider? clock = null)
{
    // One sequence for the signup token and the approval's: the homeserver refuses a second token with the same timestamp and key.
    private readonly TokenTimestamps _timestamps = new(clock ?? TimeProvider.System);

    /// <summary>Approves the request of a <c>pubkyauth://</c> link; returns it once the app has taken the answer off the relay.</summary>
    /// <exception cref="FormatException">Not a sign-in or signup link (see <see cref="AuthRequest.Parse"/>).</exception>
    /// <exception cref="AuthFlowException">A signup link whose homeserver has no address in PKARR.</exception>
    /// <exception cref="InvalidOperationException">A signup link, and no <see cref="PkdnsClient"/> was given.</exception>
    /// <exception cref="Errors.PubkyRequestException">The homeserver refused the signup, or the relay refused (408 when no app was waiting within its timeout).</exception>
    public async Task<AuthRequest> ApproveAsync(Keypair keypair, string deepLink, CancellationToken cancellation = default)
    {
        var request = AuthRequest.Parse(deepLink);
        if (request.Signup is { } signup)
        {
            await SignupAsync(keypair, signup, cancellation);
        }
        var token = AuthToken.Sign(keypair, request.Capabilities, _timestamps.Next());
        await new RelayLink(http).SendAsync(request.ChannelUrl, SecretBox.Encrypt(token.Encoded, request.Secret), cancellation);
        return request;
    }

    private async Task SignupAsync(Keypair keypair, AuthSignup signup, CancellationToken cancellation)
    {
        var records = pkdns ?? throw new InvalidOperationException("A signup link needs the AuthSigner to have a PkdnsClient: to find the homeserver and publish the user's record.");
        var homeserver = await records.ResolveEndpointAsync(signup.Homeserver, cancellation)
            ?? throw new AuthFlowException($"No PKARR record of homeserver {signup.Homeserver.Z32} names an address: nowhere to sign up.");
        await new PubkyClient(http, homeserver, _timestamps).SignupAsync(keypair, signup.Token, cancellation: cancellation);
        await records.PublishHomeserverAsync(keypair, signup.Homeserver, cancellation);
    }
}
