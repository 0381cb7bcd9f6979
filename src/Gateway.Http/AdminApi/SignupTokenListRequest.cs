using Pubky.Protocol.Sessions;
using PubkyCluster.Grains.SignupTokens;
using static PubkyCluster.Gateway.AdminApi.AdminPageQuery;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The validated query of GET /signup_tokens. The reference deserializes it with axum's Query (limit a NonZeroU16,
/// cursor a signup code, state a snake_case enum), so each bad input gets that rejection's text.
/// </summary>
internal sealed record SignupTokenListRequest(SignupTokenListState State, string? Cursor, int Limit)
{
    public static (SignupTokenListRequest? Request, string? Error) Parse(IQueryCollection query)
    {
        if (ParseLimit(query, out var limit) is { } limitError)
        {
            return (null, limitError);
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
}
