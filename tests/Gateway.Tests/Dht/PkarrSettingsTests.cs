
namespace PubkyCluster.Gateway.Tests.Dht;

public sealed class PkarrSettingsTests
{
    private static readonly HomeserverOptions Testnet = new() { Testnet = true };
    private static readonly HomeserverOptions Mainnet = new();

    [Fact]
    public void Testnet_mode_runs_the_testnet_dht_on_6881_without_relays_and_needs_one_storing_node()
    {
        var settings = PkarrNetworkSettings.From(new PkarrOptions(), Testnet);

        Assert.True(settings.TestnetDht);
        Assert.Equal(6881, settings.TestnetBootstrapPort);
        Assert.Empty(settings.Relays);
        Assert.Equal(1, settings.MinStoredNodes);
    }

    [Fact]
    public void Mainnet_mode_uses_the_mainline_bootstrap_nodes_pubky_relays_and_ten_storing_nodes()
    {
        var settings = PkarrNetworkSettings.From(new PkarrOptions(), Mainnet);

        Assert.False(settings.TestnetDht);
        Assert.Contains("router.bittorrent.com:6881", settings.BootstrapNodes);
        Assert.Equal([new Uri("https://pkarr.pubky.app"), new Uri("https://pkarr.pubky.org")], settings.Relays);
        Assert.Equal(10, settings.MinStoredNodes);
        Assert.Equal(2, settings.TransactionIdLength);
    }

    [Fact]
    public void An_empty_relay_entry_turns_relays_off()
    {
        var settings = PkarrNetworkSettings.From(new PkarrOptions { Relays = [""] }, Mainnet);

        Assert.Empty(settings.Relays);
    }

    [Theory]
    [InlineData(nameof(PkarrOptions.TransactionIdLength))]
    [InlineData(nameof(PkarrOptions.BootstrapNodes))]
    [InlineData(nameof(PkarrOptions.Relays))]
    [InlineData(nameof(PkarrOptions.TestnetBootstrapPort))]
    [InlineData(nameof(PkarrOptions.MinStoredNodes))]
    public void Invalid_settings_are_refused_naming_the_key(string key)
    {
        var options = key switch
        {
            nameof(PkarrOptions.TransactionIdLength) => new PkarrOptions { TransactionIdLength = 3 },
            nameof(PkarrOptions.BootstrapNodes) => new PkarrOptions { BootstrapNodes = ["no-port"] },
            nameof(PkarrOptions.Relays) => new PkarrOptions { Relays = ["ftp://relay"] },
            nameof(PkarrOptions.TestnetBootstrapPort) => new PkarrOptions { TestnetBootstrapPort = 70000 },
            _ => new PkarrOptions { MinStoredNodes = 0 },
        };

        var result = new PkarrOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Pkarr:" + key, result.FailureMessage);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new PkarrOptionsValidator().Validate(null, new PkarrOptions()).Succeeded);
    }
}
