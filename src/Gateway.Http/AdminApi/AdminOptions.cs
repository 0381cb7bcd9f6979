namespace PubkyCluster.Gateway.AdminApi;

/// <summary>The admin API (configuration section "Admin"), served on Listen:AdminPort.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Sent by operators as X-Admin-Password. The reference's default is "admin"; set your own outside a testnet.</summary>
    public string Password { get; set; } = "admin";
}

public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        string.IsNullOrEmpty(options.Password)
            ? ValidateOptionsResult.Fail("Admin:Password must not be empty.")
            : ValidateOptionsResult.Success;
}
