namespace Pubky.Client.Storage;

/// <summary>A user's absolute path (<c>/pub/…</c> or <c>/priv/…</c>) escaped segment by segment for a request URL.</summary>
internal static class StoragePath
{
    public static string Escape(string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"A storage path is absolute (it starts with '/'): '{path}'.", nameof(path));
        }
        return string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }
}
