namespace Pubky.Client.Storage;

/// <summary>
/// A directory listing's query (spec A5.1): at most <see cref="Limit"/> entries (server default 100, at most 1000) after
/// <see cref="Cursor"/> (a <c>pubky://</c> URL the previous page ended with), newest first when <see cref="Reverse"/>,
/// immediate children only when <see cref="Shallow"/> (directories end with '/').
/// </summary>
public sealed record ListOptions(int? Limit = null, string? Cursor = null, bool Reverse = false, bool Shallow = false)
{
    internal string Query()
    {
        var parts = new List<string>(4);
        if (Limit is { } limit)
        {
            parts.Add($"limit={limit}");
        }
        if (Cursor is { Length: > 0 } cursor)
        {
            parts.Add("cursor=" + Uri.EscapeDataString(cursor));
        }
        if (Reverse)
        {
            parts.Add("reverse=true");
        }
        if (Shallow)
        {
            parts.Add("shallow=true");
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
