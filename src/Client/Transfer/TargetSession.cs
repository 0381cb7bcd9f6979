using System.Net;
using Pubky.Client.Errors;
using Pubky.Client.Sessions;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Transfer;

/// <summary>The user's session on the homeserver a copy goes to: signed in when the account exists (a run before made it), signed up otherwise.</summary>
public static class TargetSession
{
    public static async Task<PubkySession> SignInOrUpAsync(PubkyClient target, Keypair user, string? signupToken, CancellationToken cancellation)
    {
        try
        {
            return await target.SigninAsync(user, cancellation: cancellation);
        }
        catch (PubkyRequestException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return await target.SignupAsync(user, signupToken, cancellation: cancellation);
        }
    }
}
