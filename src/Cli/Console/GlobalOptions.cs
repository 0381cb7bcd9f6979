using System.CommandLine;

namespace Pubky.Cli.Console;

/// <summary>Options every command takes, and the environment variables secrets come from (never the command line, which other users can read).</summary>
public static class GlobalOptions
{
    public const string PassphraseVariable = "PUBKY_PASSPHRASE";
    public const string AdminPasswordVariable = "PUBKY_ADMIN_PASSWORD";

    public static Option<bool> Json { get; } = new("--json") { Description = "Write results as JSON lines (errors as JSON on stderr).", Recursive = true };

    public static Option<string[]> Relays { get; } = new("--relay")
    {
        Description = "A pkarr relay to resolve and publish records through (repeatable; default: pubky's public relays).",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<FileInfo> Key { get; } = KeyOption(required: true);

    /// <summary>For reads, which need a key only for the user's own private files.</summary>
    public static Option<FileInfo> OptionalKey { get; } = KeyOption(required: false);

    private static Option<FileInfo> KeyOption(bool required) => new("--key")
    {
        Description = $"The user's recovery file (pubky.org/recovery); its passphrase is read from {PassphraseVariable} (empty when unset).",
        Required = required,
    };

    public static Option<string> Homeserver(string name = "--homeserver", bool required = false) => new(name)
    {
        Description = "A homeserver: <z32 key>@<url> to use that address, or <z32 key> to find its address through PKARR.",
        Required = required,
    };
}
