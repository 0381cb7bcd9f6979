namespace PubkyCluster.Gateway.ClientApi;

/// <summary>The signup mode in force: the configured one, else open on a testnet and token-required elsewhere.</summary>
public sealed class SignupPolicy(IOptions<SignupOptions> signup, IOptions<HomeserverOptions> homeserver)
{
    public SignupMode Mode { get; } = signup.Value.Mode ?? (homeserver.Value.Testnet ? SignupMode.Open : SignupMode.TokenRequired);

    public bool TokenRequired => Mode == SignupMode.TokenRequired;
}
