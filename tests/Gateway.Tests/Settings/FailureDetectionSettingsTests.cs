using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Hosting.Cluster;

namespace PubkyCluster.Gateway.Tests.Settings;

/// <summary>The Cluster section's failure-detection settings: validated at start, naming the key, and given to Orleans.</summary>
public sealed class FailureDetectionSettingsTests
{
    private static ValidateOptionsResult Validate(ClusterMembershipOptions options) => new ClusterMembershipOptionsValidator().Validate(null, options);

    [Fact]
    public void The_default_failure_detection_settings_are_valid()
    {
        Assert.True(Validate(new ClusterMembershipOptions()).Succeeded);
    }

    [Fact]
    public void A_death_vote_that_expires_before_the_probes_leading_to_it_is_refused_naming_the_key()
    {
        var result = Validate(new ClusterMembershipOptions { ProbeTimeout = TimeSpan.FromSeconds(10), DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20) });

        Assert.Contains("Cluster:DeathVoteExpirationTimeout", result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void A_missed_probes_limit_outside_1_to_10_is_refused_naming_the_key(int limit)
    {
        var result = Validate(new ClusterMembershipOptions { NumMissedProbesLimit = limit });

        Assert.Contains("Cluster:NumMissedProbesLimit", result.FailureMessage);
    }

    [Fact]
    public void A_shutdown_notice_longer_than_15_seconds_is_refused_naming_the_key()
    {
        var result = Validate(new ClusterMembershipOptions { ClientGatewayShutdownNotificationTimeout = TimeSpan.FromSeconds(16) });

        Assert.Contains("Cluster:ClientGatewayShutdownNotificationTimeout", result.FailureMessage);
    }

    [Fact]
    public async Task Configured_probe_settings_are_the_silos_membership_options()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?>
        {
            ["Cluster:ProbeTimeout"] = "00:00:03", ["Cluster:NumMissedProbesLimit"] = "4", ["Cluster:NumVotesForDeathDeclaration"] = "3",
        });

        var orleans = server.Services.GetRequiredService<IOptions<Orleans.Configuration.ClusterMembershipOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(3), 4, 3), (orleans.ProbeTimeout, orleans.NumMissedProbesLimit, orleans.NumVotesForDeathDeclaration));
    }
}
