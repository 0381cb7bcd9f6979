namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The limit of the admin API's paged listings, as the reference's GET /signup_tokens takes it (axum's Query into a
/// NonZeroU16): each bad input gets that rejection's text, prefixed with <see cref="Rejection"/>.
/// </summary>
internal static class AdminPageQuery
{
    /// <summary>The reference's page size when none is asked for, and the most it gives (a larger limit is clamped).</summary>
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public const string Rejection = "Failed to deserialize query string: ";

    /// <summary>Null when the query's limit is absent or valid (then <paramref name="limit"/> holds it), else the 400's text.</summary>
    public static string? ParseLimit(IQueryCollection query, out int limit)
    {
        limit = DefaultLimit;
        if (!query.TryGetValue("limit", out var limitText))
        {
            return null;
        }
        if (ParseLimitError(limitText.ToString(), out var parsed) is { } error)
        {
            return $"{Rejection}limit: {error}";
        }
        limit = Math.Min(parsed, MaxLimit);
        return null;
    }

    /// <summary>Null when <paramref name="text"/> is a NonZeroU16, else Rust's message for why it is not.</summary>
    private static string? ParseLimitError(string text, out int limit)
    {
        limit = 0;
        if (text.Length == 0)
        {
            return "cannot parse integer from empty string";
        }
        if (!text.All(char.IsAsciiDigit))
        {
            return "invalid digit found in string";
        }
        if (!ushort.TryParse(text, out var parsed))
        {
            return "number too large to fit in target type";
        }
        if (parsed == 0)
        {
            return "invalid value: integer `0`, expected a nonzero u16";
        }
        limit = parsed;
        return null;
    }
}
