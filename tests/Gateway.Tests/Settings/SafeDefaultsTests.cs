using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Settings;

/// <summary>Outside the testnet the homeserver refuses settings that are only safe on a laptop, naming the key.</summary>
public sealed class SafeDefaultsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("admin")]
    public async Task Outside_the_testnet_an_empty_or_testnet_admin_password_stops_the_start(string password)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHomeserver.StartAsync(
            new Dictionary<string, string?> { ["Homeserver:Testnet"] = "false", ["Admin:Password"] = password }));

        Assert.Contains("Admin:Password", error.Message);
    }

    [Theory]
    [InlineData("Storage:Profile", "Azure")]
    [InlineData("Cluster:Membership", "Redis")]
    public async Task A_cluster_outside_the_testnet_without_a_shared_secret_stops_the_start(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHomeserver.StartAsync(new Dictionary<string, string?>
        {
            ["Homeserver:Testnet"] = "false", ["Admin:Password"] = "an operator's own", [key] = value,
            ["Cluster:RedisConnectionString"] = "127.0.0.1:1",
        }));

        Assert.Contains("Homeserver:SecretKeyFile", error.Message);
    }

    [Fact]
    public async Task A_secret_key_file_that_is_not_a_secret_stops_the_start_with_the_key_named()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHomeserver.StartAsync(
                new Dictionary<string, string?> { ["Homeserver:Testnet"] = "false", ["Homeserver:SecretKeyFile"] = file }));

            Assert.Contains("Homeserver:SecretKeyFile", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
