using System.Net;

namespace PubkyCluster.Hosting.Cluster;

/// <summary>How silos find each other and clients find silos (configuration section "Cluster").</summary>
public sealed class ClusterMembershipOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// Localhost: one silo in this process (the single-process default). Redis or AzureTable: a cluster of processes
    /// whose membership table is in Redis or in an Azure Storage table (so an Azure operator needs no Redis).
    /// </summary>
    public MembershipKind Membership { get; set; } = MembershipKind.Localhost;

    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6379"; required for Redis membership.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>An Azure Storage connection string with a table endpoint; required for AzureTable membership.</summary>
    public string? AzureTableConnectionString { get; set; }

    public string ClusterId { get; set; } = "pubky";

    public string ServiceId { get; set; } = "pubky";

    /// <summary>The address other silos and clients reach this silo at (Kubernetes: the pod IP). Never a Service VIP.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>This silo's name in the membership table (Kubernetes: the pod name); unset: Orleans' default.</summary>
    public string? SiloName { get; set; }

    /// <summary>Listen on every interface while advertising <see cref="AdvertisedAddress"/> (containers).</summary>
    public bool ListenOnAnyAddress { get; set; }
}

public enum MembershipKind
{
    Localhost,
    Redis,
    AzureTable,
}

public sealed class ClusterMembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Membership))
        {
            errors.Add($"Cluster:Membership must be Localhost, Redis or AzureTable, not '{options.Membership}'.");
        }
        if (options.Membership == MembershipKind.Redis && string.IsNullOrWhiteSpace(options.RedisConnectionString))
        {
            errors.Add("Cluster:RedisConnectionString is required with Cluster:Membership=Redis.");
        }
        if (options.Membership == MembershipKind.AzureTable && string.IsNullOrWhiteSpace(options.AzureTableConnectionString))
        {
            errors.Add("Cluster:AzureTableConnectionString is required with Cluster:Membership=AzureTable.");
        }
        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            errors.Add($"Cluster:AdvertisedAddress must be an IP address, not '{options.AdvertisedAddress}'.");
        }
        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add("Cluster:ClusterId and Cluster:ServiceId must be set.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
