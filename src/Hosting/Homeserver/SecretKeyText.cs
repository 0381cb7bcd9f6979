namespace PubkyCluster.Hosting.Homeserver;

/// <summary>The text form of the homeserver's secret, configured inline or in a file: 64 hex characters.</summary>
public static class SecretKeyText
{
    public static bool IsValid(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    /// <summary>Reads the secret from <paramref name="path"/>; surrounding whitespace (a trailing newline) is ignored.</summary>
    public static byte[] ReadFile(string path) => Convert.FromHexString(File.ReadAllText(path).Trim());

    /// <summary>Why <paramref name="path"/> cannot be the secret's file, or null when it can.</summary>
    public static string? ProblemWithFile(string path)
    {
        try
        {
            return IsValid(File.ReadAllText(path).Trim()) ? null : "must hold 64 hexadecimal characters (a 32-byte Ed25519 secret)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot be read: {e.Message}";
        }
    }
}
