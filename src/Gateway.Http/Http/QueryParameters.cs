namespace PubkyCluster.Gateway.Http;

/// <summary>The reference's query parsing for listings and the events feed.</summary>
public static class QueryParameters
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const string InvalidBoolean = "Invalid boolean parameter";

    /// <summary>A u16 limit: empty or unparsable means the default; capped at 1000.</summary>
    public static int Limit(HttpRequest request) =>
        ushort.TryParse(request.Query["limit"].ToString(), out var limit) ? Math.Min((int)limit, MaxLimit) : DefaultLimit;

    /// <summary>
    /// <c>true|yes|1|""</c> and <c>false|no|0</c>, case-insensitive; absent is false. A bare key (<c>?reverse</c>, as the JS
    /// client sends it) is true. Anything else is null: the caller answers 400 "Invalid boolean parameter".
    /// </summary>
    public static bool? Flag(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return false;
        }
        return values.ToString().ToLowerInvariant() switch
        {
            "" or "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => null,
        };
    }
}
