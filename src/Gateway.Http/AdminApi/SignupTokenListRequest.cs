using Pubky.Protocol.Sessions;
using PubkyCluster.Grains.SignupTokens;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The validated query of GET /signup_tokens. The reference deserializes it with axum's Query (limit a NonZeroU16,
/// cursor a signup code, state a snake_case enum), so each bad input gets that rejection's text.
/// </summary>
internal sealed record SignupTokenListRequest(SignupTokenListState State, string? Cursor, int Limit)
{
    /// <summary>The reference's page size when none is asked for, and the most it gives (a larger limit is clamped).</summary>
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private const string Rejection = "Failed to deserialize query string: ";

    public static (SignupTokenListRequest? Request, string? Error) Parse(IQueryCollection query)
    {
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText))
        {
            if (ParseLimitError(limitText.ToString(), out var parsed) is { } error)
            {
                return (null, $"{Rejection}limit: {error}");
            }
            limit = Math.Min(parsed, MaxLimit);
        }
        string? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            cursor = cursorText.ToString();
            if (!SignupToken.IsValidFormat(cursor))
            {
                return (null, $"{Rejection}cursor: Invalid signup code id");
            }
        }
        var state = SignupTokenListState.All;
        if (query.TryGetValue("state", out var stateText))
        {
            switch (stateText.ToString())
            {
                case "all":
                    break;
                case "used":
                    state = SignupTokenListState.Used;
                    break;
                case "unused":
                    state = SignupTokenListState.Unused;
                    break;
                default:
                    return (null, $"{Rejection}state: unknown variant `{stateText}`, expected one of `all`, `used`, `unused`");
            }
        }
        return (new SignupTokenListRequest(state, cursor, limit), null);
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
