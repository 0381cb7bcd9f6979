namespace PubkyCluster.Gateway.AdminApi;

/// <summary>The admin API (configuration section "Admin"), served on Listen:AdminPort.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The reference testnet's password: what an unset password means on a testnet, and refused anywhere else.</summary>
    public const string TestnetPassword = "admin";

    /// <summary>Sent by operators as X-Admin-Password. Unset on a testnet: <see cref="TestnetPassword"/>; required elsewhere.</summary>
    public string Password { get; set; } = "";
}

/// <summary>Outside a testnet the admin API must not open with no password or with the one every testnet uses.</summary>
public sealed class AdminOptionsValidator(bool testnet) : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options) => options.Password switch
    {
        _ when testnet => ValidateOptionsResult.Success,
        "" => ValidateOptionsResult.Fail("Admin:Password must be set outside the testnet (Homeserver:Testnet=false)."),
        AdminOptions.TestnetPassword => ValidateOptionsResult.Fail(
            $"Admin:Password must not be '{AdminOptions.TestnetPassword}' outside the testnet (Homeserver:Testnet=false): every testnet uses it."),
        _ => ValidateOptionsResult.Success,
    };
}
