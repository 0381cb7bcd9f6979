using Pubky.Client.Crypto;
using Pubky.Protocol.Auth;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Auth;

/// <summary>
/// The signer's side of the pubkyauth flow (spec A10 step 4; pubky-core v0.6.0: pubky-sdk/src/actors/signer/auth.rs):
/// an AuthToken for exactly the capabilities the link asks for, encrypted with the link's secret, posted to its relay channel.
/// </summary>
public sealed class AuthSigner(HttpClient http, TimeProvider? clock = null)
{
    private readonly TokenTimestamps _timestamps = new(clock ?? TimeProvider.System);

    /// <summary>Approves the request of a <c>pubkyauth://</c> link; returns it once the app has taken the answer off the relay.</summary>
    /// <exception cref="FormatException">Not a sign-in link (see <see cref="AuthRequest.Parse"/>).</exception>
    /// <exception cref="Errors.PubkyRequestException">The relay refused, or 408 when no app was waiting within its timeout.</exception>
    public async Task<AuthRequest> ApproveAsync(Keypair keypair, string deepLink, CancellationToken cancellation = default)
    {
        var request = AuthRequest.Parse(deepLink);
        var token = AuthToken.Sign(keypair, request.Capabilities, _timestamps.Next());
        await new RelayLink(http).SendAsync(request.ChannelUrl, SecretBox.Encrypt(token.Encoded, request.Secret), cancellation);
        return request;
    }
}
