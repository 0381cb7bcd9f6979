using System.Globalization;
using System.Net;

namespace PubkyCluster.Hosting.ForwardedHeaders;

/// <summary>
/// Which peers may say who the client is (configuration section "ForwardedHeaders"). None by default, loopback
/// included: a forwarded address is believed only from a configured proxy, so a client cannot pick the address it is
/// rate-limited by.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses (e.g. <c>10.0.0.5</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form (e.g. <c>10.0.0.0/8</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many forwarded hops are read, from the nearest; every hop but the last must itself be a known proxy.</summary>
    public int ForwardLimit { get; set; } = 1;
}

public sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public const int MaxForwardLimit = 100;

    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add(Key($"KnownProxies:{i} must be an IP address, not '{options.KnownProxies[i]}'."));
            }
        }
        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add(Key($"KnownNetworks:{i} must be a network in CIDR form (10.0.0.0/8), not '{options.KnownNetworks[i]}'."));
            }
        }
        if (options.ForwardLimit is < 1 or > MaxForwardLimit)
        {
            failures.Add(Key($"ForwardLimit must be between 1 and {MaxForwardLimit}, not {options.ForwardLimit}."));
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static string Key(FormattableString rest) =>
        ForwardedHeadersSettings.Section + ":" + rest.ToString(CultureInfo.InvariantCulture);
}
