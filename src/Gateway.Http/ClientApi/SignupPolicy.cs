using Pubky.Protocol.Sessions;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>The signup mode in force: the configured one, else open on a testnet and token-required elsewhere.</summary>
public sealed class SignupPolicy(IOptions<SignupOptions> signup, IOptions<HomeserverOptions> homeserver)
{
    public SignupMode Mode { get; } = signup.Value.Mode ?? (homeserver.Value.Testnet ? SignupMode.Open : SignupMode.TokenRequired);

    public bool TokenRequired => Mode == SignupMode.TokenRequired;

    /// <summary>In token-required mode a signup without a token: 409 when the user exists already, else 400.</summary>
    public async Task<IResult?> RefuseMissingToken(IUserGrain user, string? signupToken) =>
        TokenRequired && signupToken is null
            ? RefusalResponses.For(await user.Exists() ? Refusal.UserAlreadyExists : Refusal.SignupTokenRequired)
            : null;

    /// <summary>The token a signup spends: none in open mode, where a given token is ignored.</summary>
    public string? TokenToSpend(string? signupToken) => TokenRequired ? signupToken : null;

    /// <summary>The signup token of the query, or a 400 with the reference's text when it is malformed.</summary>
    public static (string? Token, IResult? Failure) ReadToken(HttpRequest request)
    {
        var token = request.Query.TryGetValue("signup_token", out var values) ? values.ToString() : null;
        return token is not null && !SignupToken.IsValidFormat(token)
            ? (null, PlainText.Error(400, SignupToken.InvalidFormatMessage))
            : (token, null);
    }
}
