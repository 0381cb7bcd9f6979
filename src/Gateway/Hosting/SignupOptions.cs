namespace PubkyCluster.Gateway.Hosting;

/// <summary>Who may sign up (configuration section "Signup").</summary>
public sealed class SignupOptions
{
    public const string Section = "Signup";

    /// <summary>Unset: open on a testnet, token-required otherwise (the reference's default).</summary>
    public SignupMode? Mode { get; set; }
}

public enum SignupMode
{
    Open,
    TokenRequired,
}
