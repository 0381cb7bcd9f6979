namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>Settings every test server gets so that parallel servers never share a fixed port.</summary>
public static class TestSettings
{
    /// <summary>Configuration keys (":"-separated) added to every test server's settings.</summary>
    public static IReadOnlyDictionary<string, string> Isolation { get; } = new Dictionary<string, string>
    {
        // The testnet DHT's bootstrap node takes any free UDP port instead of the fixed 6881.
        ["Pkarr:TestnetBootstrapPort"] = "0",
    };
}
