using Microsoft.Extensions.Options;
using PubkyCluster.Gateway.RateLimiting;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Hosting.ForwardedHeaders;

namespace PubkyCluster.Gateway.Tests.RateLimiting;

/// <summary>A bad rule or proxy setting stops the process at start with a message naming its key.</summary>
public sealed class RateLimitSettingsTests
{
    [Theory]
    [InlineData("Method", "PATCH", "RateLimits:Rules:0:Method")]
    [InlineData("Path", "pub/**", "RateLimits:Rules:0:Path")]
    [InlineData("Path", "/pub/[ab", "RateLimits:Rules:0:Path")]
    [InlineData("Path", "/pub/{a,b", "RateLimits:Rules:0:Path")]
    [InlineData("Quota", "10r/h", "RateLimits:Rules:0:Quota")]
    [InlineData("Quota", "0r/s", "RateLimits:Rules:0:Quota")]
    [InlineData("Quota", "10kb/s", "RateLimits:Rules:0:Quota")]
    [InlineData("Key", "Tenant", "RateLimits:Rules:0:Key")]
    [InlineData("Burst", "0", "RateLimits:Rules:0:Burst")]
    [InlineData("Whitelist:0", "not-an-address", "RateLimits:Rules:0:Whitelist:0")]
    public void A_bad_rule_value_is_refused_naming_its_key(string field, string value, string key)
    {
        var settings = Rule();
        settings[field] = value;
        var rule = new RateLimitRuleOptions
        {
            Method = settings["Method"], Path = settings["Path"], Quota = settings["Quota"], Key = settings["Key"],
            Burst = settings.TryGetValue("Burst", out var burst) ? int.Parse(burst, System.Globalization.CultureInfo.InvariantCulture) : null,
            Whitelist = settings.TryGetValue("Whitelist:0", out var entry) ? [entry] : [],
        };

        var result = new RateLimitsOptionsValidator().Validate(null, new RateLimitsOptions { Rules = [rule] });

        Assert.True(result.Failed);
        Assert.StartsWith(key + " ", result.FailureMessage);
    }

    [Fact]
    public void A_user_key_is_refused_in_the_whitelist_of_an_address_rule()
    {
        var rule = new RateLimitRuleOptions
        {
            Method = "GET", Path = "/x", Quota = "1r/s", Key = "Ip", Whitelist = ["8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo"],
        };

        var result = new RateLimitsOptionsValidator().Validate(null, new RateLimitsOptions { Rules = [rule] });

        Assert.StartsWith("RateLimits:Rules:0:Whitelist:0 ", result.FailureMessage);
    }

    [Theory]
    [InlineData("KnownProxies:0", "proxy.local", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks:0")]
    [InlineData("ForwardLimit", "0", "ForwardedHeaders:ForwardLimit")]
    public async Task A_bad_proxy_setting_stops_the_process_naming_its_key(string field, string value, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestHomeserver.StartAsync(new Dictionary<string, string?> { [ForwardedHeadersSettings.Section + ":" + field] = value }));

        Assert.Contains(key + " ", error.Message);
    }

    [Fact]
    public async Task A_bad_rule_stops_the_process_naming_its_key()
    {
        var settings = RateLimitRules.Settings(("GET", "/x", "1r/s", "Ip", null, []));
        settings["RateLimits:Rules:0:Quota"] = "fast";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHomeserver.StartAsync(settings));

        Assert.Contains("RateLimits:Rules:0:Quota ", error.Message);
    }

    private static Dictionary<string, string> Rule() => new()
    {
        ["Method"] = "GET", ["Path"] = "/pub/**", ["Quota"] = "10r/m", ["Key"] = "Ip",
    };
}
