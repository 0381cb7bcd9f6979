namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>Settings every test server gets so that parallel servers never share a fixed port.</summary>
public static class TestSettings
{
    /// <summary>Configuration keys (":"-separated) added to every test server's settings.</summary>
    public static IReadOnlyDictionary<string, string> Isolation { get; } = new Dictionary<string, string>();
}
