namespace Pubky.Cli.Console;

/// <summary>What <c>pubky</c>'s exit status means (README, "The pubky command"): scripts branch on these.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line itself is wrong (System.CommandLine's own parse-error status).</summary>
    public const int Usage = 1;

    /// <summary>An input is wrong: a key file that does not decrypt, a malformed key or path, a file that exists or is missing.</summary>
    public const int BadInput = 2;

    /// <summary>The homeserver answered with an error status (shown with its text).</summary>
    public const int Refused = 3;

    /// <summary>The homeserver, relay or DHT could not be reached, or a user's homeserver could not be resolved.</summary>
    public const int Unreachable = 4;

    /// <summary>A copied file's hash on the target differs from the source's.</summary>
    public const int VerificationFailed = 5;
}
