using System.Globalization;
using System.Net;
using Pubky.Protocol.Keys;
using PubkyCluster.Grains.RateLimiting;

namespace PubkyCluster.Gateway.RateLimiting;

/// <summary>A validated rule, ready to match requests; <see cref="Id"/> names its buckets and its metric series.</summary>
public sealed class RateLimitRule
{
    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "HEAD"];

    private readonly PathGlob _path;
    private readonly HashSet<IPAddress> _exemptAddresses;
    private readonly HashSet<string> _exemptUsers;

    private RateLimitRule(
        string id, string method, PathGlob path, RateLimitKey key, RequestQuota quota, HashSet<IPAddress> addresses, HashSet<string> users)
    {
        (Id, Method, _path, Key, Quota, _exemptAddresses, _exemptUsers) = (id, method, path, key, quota, addresses, users);
    }

    public string Id { get; }

    public string Method { get; }

    public RateLimitKey Key { get; }

    public RequestQuota Quota { get; }

    /// <summary>The method first: a rule for another method costs one string comparison.</summary>
    public bool Matches(string method, string path) => method == Method && _path.Matches(path);

    public bool Exempts(IPAddress address) => _exemptAddresses.Contains(address);

    public bool Exempts(PublicKey user) => _exemptUsers.Contains(user.Z32);

    /// <summary>The rule, or null with <paramref name="error"/> naming the bad key under <paramref name="key"/> (e.g. <c>RateLimits:Rules:0</c>).</summary>
    public static RateLimitRule? TryCreate(RateLimitRuleOptions options, string key, out string? error)
    {
        error = null;
        var method = options.Method.ToUpperInvariant();
        if (!Methods.Contains(method))
        {
            error = $"{key}:Method must be one of {string.Join(", ", Methods)}, not '{options.Method}'.";
            return null;
        }
        if (PathGlob.TryParse(options.Path, out var globError) is not { } path)
        {
            error = $"{key}:Path {globError}, not '{options.Path}'.";
            return null;
        }
        if (!Enum.TryParse<RateLimitKey>(options.Key, ignoreCase: true, out var who) || !Enum.IsDefined(who))
        {
            error = $"{key}:Key must be Ip or User, not '{options.Key}'.";
            return null;
        }
        if (ParseQuota(options.Quota) is not var (rate, window))
        {
            error = $"{key}:Quota must be <n>r/s or <n>r/m with n from 1 to {MaxRate}, not '{options.Quota}'.";
            return null;
        }
        if (options.Burst is < 1 or > MaxRate)
        {
            error = $"{key}:Burst must be from 1 to {MaxRate}, not {options.Burst}.";
            return null;
        }
        var addresses = new HashSet<IPAddress>();
        var users = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Whitelist.Count; i++)
        {
            var entry = options.Whitelist[i].Trim();
            if (IPAddress.TryParse(entry, out var address))
            {
                addresses.Add(ClientAddress.Normalize(address));
            }
            else if (who == RateLimitKey.User && PublicKey.TryParseZ32(entry, out var user))
            {
                users.Add(user.Z32);
            }
            else
            {
                error = $"{key}:Whitelist:{i} must be an IP address{(who == RateLimitKey.User ? " or a user's z32 key" : "")}, not '{entry}'.";
                return null;
            }
        }
        var burst = options.Burst ?? rate;
        var id = string.Create(CultureInfo.InvariantCulture, $"{method} {options.Path} {rate}r/{(window == TimeSpan.FromSeconds(1) ? 's' : 'm')} burst {burst} by {who}");
        return new RateLimitRule(id, method, path, who, new RequestQuota(rate, window, burst), addresses, users);
    }

    private const int MaxRate = 1_000_000;

    private static (int Rate, TimeSpan Window)? ParseQuota(string quota)
    {
        var parts = quota.Trim().Split("r/", 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate is < 1 or > MaxRate)
        {
            return null;
        }
        return parts[1] switch
        {
            "s" => (rate, TimeSpan.FromSeconds(1)),
            "m" => (rate, TimeSpan.FromMinutes(1)),
            _ => null,
        };
    }
}
