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

    // Failure detection. Orleans' defaults (5 s probes, clients refreshing their gateway list every minute) leave the
    // users of a crashed silo without answers for 10 to 20 s; pods on one cluster network answer a probe in
    // milliseconds, so a shorter probe finds a dead silo within a few seconds. Orleans adapts the probe timeout to the
    // observed response times (between half and four times this) and suppresses votes against a silo whose
    // connection still carries messages, so a busy silo is not declared dead.

    /// <summary>The initial liveness probe timeout and period (Orleans' ClusterMembershipOptions.ProbeTimeout; its default is 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes after which a silo votes that another is dead (Orleans' default 3).</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Votes that declare a silo dead; a cluster of n active silos needs at most (n + 1) / 2 (Orleans' default 2).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How long a vote counts (Orleans' default 2 min).</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often a gateway process re-reads which silos accept clients, so it spreads calls over new silos soon after a
    /// rollout (Orleans' GatewayOptions.GatewayListRefreshPeriod; its default is 1 min).
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a silo that is shutting down waits, after telling the gateway processes to stop sending to it, before
    /// it stops placing and deactivates its grains (Orleans' SiloMessagingOptions.ClientGatewayShutdownNotificationTimeout;
    /// its default is zero). Without the pause, a call a gateway routed just before the notice is refused with
    /// "silo is shutting down" and the refusal is lost, so the gateway answers 503 after Orleans' 30 s response timeout.
    /// </summary>
    public TimeSpan ClientGatewayShutdownNotificationTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

public enum MembershipKind
{
    Localhost,
    Redis,
    AzureTable,
}

public sealed class ClusterMembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    private const int MaxCount = 10;
    private static readonly TimeSpan MinProbeTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxShutdownNotice = TimeSpan.FromSeconds(15);

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
        if (options.ProbeTimeout < MinProbeTimeout || options.ProbeTimeout > MaxPeriod)
        {
            errors.Add($"Cluster:ProbeTimeout must be between {MinProbeTimeout} and {MaxPeriod}, not {options.ProbeTimeout}.");
        }
        if (options.NumMissedProbesLimit is < 1 or > MaxCount)
        {
            errors.Add($"Cluster:NumMissedProbesLimit must be between 1 and {MaxCount}, not {options.NumMissedProbesLimit}.");
        }
        if (options.NumVotesForDeathDeclaration is < 1 or > MaxCount)
        {
            errors.Add($"Cluster:NumVotesForDeathDeclaration must be between 1 and {MaxCount}, not {options.NumVotesForDeathDeclaration}.");
        }
        // A vote must outlive the probes that lead to it, or no silo is ever declared dead.
        if (options.DeathVoteExpirationTimeout <= options.ProbeTimeout * options.NumMissedProbesLimit)
        {
            errors.Add($"Cluster:DeathVoteExpirationTimeout must be longer than Cluster:ProbeTimeout times Cluster:NumMissedProbesLimit, not {options.DeathVoteExpirationTimeout}.");
        }
        // Well inside the host's 30 s shutdown timeout, which also has to cover the grains' deactivation.
        if (options.ClientGatewayShutdownNotificationTimeout < TimeSpan.Zero || options.ClientGatewayShutdownNotificationTimeout > MaxShutdownNotice)
        {
            errors.Add($"Cluster:ClientGatewayShutdownNotificationTimeout must be between 00:00:00 and {MaxShutdownNotice}, not {options.ClientGatewayShutdownNotificationTimeout}.");
        }
        if (options.GatewayListRefreshPeriod < TimeSpan.FromSeconds(1) || options.GatewayListRefreshPeriod > MaxPeriod)
        {
            errors.Add($"Cluster:GatewayListRefreshPeriod must be between 00:00:01 and {MaxPeriod}, not {options.GatewayListRefreshPeriod}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
