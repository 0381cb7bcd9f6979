using System.Diagnostics.CodeAnalysis;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The admin API names users by their bare 52-character z32 key only, so the SDK's 57-character <c>pubky</c>-prefixed
/// display form is refused like any other malformed key.
/// </summary>
public static class AdminUserKey
{
    public static bool TryParse(string text, [NotNullWhen(true)] out PublicKey? key)
    {
        key = PublicKey.TryParseZ32(text, out var parsed) ? parsed : null;
        return key is not null;
    }

    public static IResult Invalid() => PlainText.Error(StatusCodes.Status400BadRequest, "Invalid public key");
}
