using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Settings;

/// <summary>
/// <c>dotnet run --project src/Gateway</c> runs in the Development environment (its launch profile), which turns the
/// testnet on; a published binary runs in Production, where the settings beside it do not.
/// </summary>
public sealed class EnvironmentDefaultsTests
{
    private static readonly string GatewayProject = Path.Combine(Repository.Root, "src", "Gateway");

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public void The_gateway_settings_turn_the_testnet_on_only_in_development(string environment, bool testnet)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(GatewayProject)
            .AddJsonFile("appsettings.json")
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .Build();

        Assert.Equal(testnet, configuration.GetValue<bool>("Homeserver:Testnet"));
    }

    [Fact]
    public void Every_launch_profile_runs_in_development()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(GatewayProject, "Properties", "launchSettings.json")));

        var environments = settings.RootElement.GetProperty("profiles").EnumerateObject()
            .Select(profile => profile.Value.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());

        Assert.All(environments, environment => Assert.Equal("Development", environment));
    }
}
