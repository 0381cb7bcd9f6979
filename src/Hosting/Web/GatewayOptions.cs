using PubkyCluster.Hosting.Storage;

namespace PubkyCluster.Hosting.Web;

/// <summary>Whether this process also hosts grains (configuration section "Gateway").</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>True: one process with its own silo. False: a stateless gateway in front of separate silo processes.</summary>
    public bool CoHostSilo { get; set; } = true;
}

/// <summary>A stateless gateway cannot share the embedded profile's local files with the silos, so it needs Azure storage.</summary>
public sealed class GatewayOptionsValidator(StorageProfile profile) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options) =>
        !options.CoHostSilo && profile != StorageProfile.Azure
            ? ValidateOptionsResult.Fail("Gateway:CoHostSilo=false needs Storage:Profile=Azure: separate processes cannot share embedded storage.")
            : ValidateOptionsResult.Success;
}
