namespace PubkyCluster.Gateway.ClientApi;

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

public sealed class SignupOptionsValidator : IValidateOptions<SignupOptions>
{
    public ValidateOptionsResult Validate(string? name, SignupOptions options) =>
        options.Mode is null || Enum.IsDefined(options.Mode.Value)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Signup:Mode must be Open or TokenRequired, not '{options.Mode}'.");
}
