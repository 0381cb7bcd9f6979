namespace PubkyCluster.Gateway.AdminApi;

/// <summary>The admin API (configuration section "Admin"), served on Listen:AdminPort.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The reference testnet's password: what an unset password means on a testnet, and refused anywhere else.</summary>
    public const string TestnetPassword = "admin";

    /// <summary>Sent by operators as X-Admin-Password. Unset on a testnet: <see cref="TestnetPassword"/>; required elsewhere.</summary>
    public string Password { get; set; } = "";

    /// <summary>How often a live admin /events-stream over all users re-reads the log: no grain announces every commit.</summary>
    public TimeSpan EventsStreamPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many entries the admin WebDAV reads from a user's listing at a time: a PROPFIND or index of a directory of
    /// any size streams page by page, holding one page.
    /// </summary>
    public int DavPageSize { get; set; } = 500;

    public const int MaxDavPageSize = 10_000;
}

/// <summary>
/// Outside a testnet the admin API must not open with no password or with the one every testnet uses; the firehose's
/// poll interval must be positive and short enough that a live stream stays live; a WebDAV page holds at least one entry.
/// </summary>
public sealed class AdminOptionsValidator(bool testnet) : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        options.EventsStreamPollInterval <= TimeSpan.Zero || options.EventsStreamPollInterval > TimeSpan.FromMinutes(1)
            ? ValidateOptionsResult.Fail("Admin:EventsStreamPollInterval must be more than zero and at most one minute.")
            : options.DavPageSize is < 1 or > AdminOptions.MaxDavPageSize
                ? ValidateOptionsResult.Fail($"Admin:DavPageSize must be between 1 and {AdminOptions.MaxDavPageSize}.")
                : ValidatePassword(options);

    private ValidateOptionsResult ValidatePassword(AdminOptions options) => options.Password switch
    {
        _ when testnet => ValidateOptionsResult.Success,
        "" => ValidateOptionsResult.Fail("Admin:Password must be set outside the testnet (Homeserver:Testnet=false)."),
        AdminOptions.TestnetPassword => ValidateOptionsResult.Fail(
            $"Admin:Password must not be '{AdminOptions.TestnetPassword}' outside the testnet (Homeserver:Testnet=false): every testnet uses it."),
        _ => ValidateOptionsResult.Success,
    };
}
