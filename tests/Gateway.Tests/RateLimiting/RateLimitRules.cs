namespace PubkyCluster.Gateway.Tests.RateLimiting;

/// <summary>RateLimits:Rules settings for a test server, written as an operator would write them.</summary>
public static class RateLimitRules
{
    public static Dictionary<string, string?> Settings(params (string Method, string Path, string Quota, string Key, int? Burst, string[] Whitelist)[] rules)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < rules.Length; i++)
        {
            var (method, path, quota, key, burst, whitelist) = rules[i];
            var prefix = $"RateLimits:Rules:{i}:";
            settings[prefix + "Method"] = method;
            settings[prefix + "Path"] = path;
            settings[prefix + "Quota"] = quota;
            settings[prefix + "Key"] = key;
            if (burst is { } b)
            {
                settings[prefix + "Burst"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            for (var w = 0; w < whitelist.Length; w++)
            {
                settings[prefix + $"Whitelist:{w}"] = whitelist[w];
            }
        }
        return settings;
    }
}
