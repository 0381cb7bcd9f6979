using System.Text.Json;
using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Auth.Grants;

/// <summary>Strict readers for the claim types grant and PoP payloads share.</summary>
internal static class GrantJson
{
    public static T? TryRead<T>(byte[] json, Func<JsonElement, T?> read) where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool TryKey(JsonElement root, string name, out PublicKey key)
    {
        key = null!;
        return root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && PublicKey.TryParseZ32(value.GetString(), out key);
    }

    /// <summary>A non-empty string of at most <paramref name="maxLength"/> characters.</summary>
    public static bool TryText(JsonElement root, string name, int maxLength, out string text)
    {
        text = "";
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        text = value.GetString()!;
        return text.Length is > 0 && text.Length <= maxLength;
    }

    /// <summary>Unix seconds as the reference's u64: a non-negative integer.</summary>
    public static bool TrySeconds(JsonElement root, string name, out long seconds)
    {
        seconds = 0;
        return root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out seconds) && seconds >= 0;
    }
}
