using Pubky.Protocol.Keys;

namespace PubkyCluster.Gateway.Http;

/// <summary>
/// The user a request acts on (the reference's PubkyHost layer): a key-shaped <c>Host</c>, overridden by a
/// <c>pubky-host</c> header, else the raw <c>?pubky-host=</c> query value. Values that do not parse as keys with the
/// reference's lenient parser, the <c>pubky&lt;z32&gt;</c> display form among them, are skipped, not errors.
/// </summary>
public static class Tenant
{
    public const string HeaderName = "pubky-host";
    public const string MissingMessage = "Pubky Host is missing";

    public static PublicKey? Resolve(HttpRequest request)
    {
        PublicKey.TryParseLenient(request.Headers.Host.ToString(), out var tenant);
        if (PublicKey.TryParseLenient(request.Headers[HeaderName].ToString(), out var fromHeader))
        {
            tenant = fromHeader;
        }
        if (tenant is null && PublicKey.TryParseLenient(RawQueryValue(request.QueryString.Value, HeaderName), out var fromQuery))
        {
            tenant = fromQuery;
        }
        return tenant;
    }

    /// <summary>The first value of <paramref name="key"/> in the raw query, not URL-decoded, as the reference reads it.</summary>
    private static string? RawQueryValue(string? query, string key)
    {
        foreach (var pair in (query ?? "").TrimStart('?').Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts[0] == key)
            {
                return parts.Length > 1 ? parts[1] : "";
            }
        }
        return null;
    }
}
