using System.Globalization;

namespace PubkyCluster.Gateway.RateLimiting;

/// <summary>
/// Request limits on the client API (configuration section "RateLimits"), in the shape of the reference's
/// <c>[[drive.rate_limits]]</c>. While no rule is configured the reference's shipped rules apply, unless
/// <see cref="UseDefaults"/> is false.
/// </summary>
public sealed class RateLimitsOptions
{
    public const string Section = "RateLimits";

    public List<RateLimitRuleOptions> Rules { get; set; } = [];

    public bool UseDefaults { get; set; } = true;

    /// <summary>The reference's defaults: sign-in 20 per minute per address (loopback exempt), token lookups 10 per minute.</summary>
    public static IReadOnlyList<RateLimitRuleOptions> Defaults { get; } =
    [
        new() { Path = "/session", Method = "POST", Quota = "20r/m", Key = "Ip", Whitelist = ["127.0.0.1", "::1"] },
        new() { Path = "/signup_tokens/*", Method = "GET", Quota = "10r/m", Key = "Ip" },
    ];

    /// <summary>The configuration key of the rule at <paramref name="index"/>, for messages.</summary>
    public static string RuleKey(int index) => string.Create(CultureInfo.InvariantCulture, $"{Section}:Rules:{index}");

    /// <summary>The rules in force: the configured ones, else the defaults when they are on.</summary>
    public IReadOnlyList<RateLimitRuleOptions> Effective => Rules.Count > 0 || !UseDefaults ? Rules : Defaults;
}

/// <summary>One rule: which requests it counts (<see cref="Path"/> glob and <see cref="Method"/>), how many, and per whom.</summary>
public sealed class RateLimitRuleOptions
{
    /// <summary>A glob over the raw request path: <c>?</c>, <c>*</c> (within a segment), <c>**</c>, <c>[ab]</c>, <c>{a,b}</c>, leading <c>!</c>.</summary>
    public string Path { get; set; } = "";

    public string Method { get; set; } = "";

    /// <summary><c>&lt;n&gt;r/s</c> or <c>&lt;n&gt;r/m</c>.</summary>
    public string Quota { get; set; } = "";

    /// <summary>The bucket size: requests that may come at once; unset, the rate's n.</summary>
    public int? Burst { get; set; }

    /// <summary><c>Ip</c> or <c>User</c> (the signed-in user; an anonymous request is counted by its address).</summary>
    public string Key { get; set; } = "Ip";

    /// <summary>Addresses, and for a <c>User</c> rule also user keys, that the rule never counts.</summary>
    public List<string> Whitelist { get; set; } = [];
}
