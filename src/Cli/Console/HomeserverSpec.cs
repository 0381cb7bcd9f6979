using Pubky.Client.Http;
using Pubky.Client.Pkdns;
using Pubky.Protocol.Keys;

namespace Pubky.Cli.Console;

/// <summary>How a command names a homeserver: <c>&lt;z32&gt;@&lt;url&gt;</c> (that address) or <c>&lt;z32&gt;</c> (its own PKARR record says where).</summary>
public static class HomeserverSpec
{
    /// <exception cref="FormatException">Neither form.</exception>
    /// <exception cref="CliUnreachableException">A bare key whose record names no endpoint.</exception>
    public static async Task<Homeserver> ResolveAsync(string spec, PkdnsClient pkdns, CancellationToken cancellation)
    {
        var at = spec.IndexOf('@', StringComparison.Ordinal);
        var keyText = at < 0 ? spec : spec[..at];
        if (!PublicKey.TryParseZ32(keyText, out var key))
        {
            throw new FormatException($"'{keyText}' is not a homeserver's z32 public key.");
        }
        if (at >= 0)
        {
            return Uri.TryCreate(spec[(at + 1)..], UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? new Homeserver(url, key)
                : throw new FormatException($"'{spec[(at + 1)..]}' is not an http(s) URL.");
        }
        return await pkdns.ResolveEndpointAsync(key, cancellation)
            ?? throw new CliUnreachableException($"No PKARR record of homeserver {key.Z32} names an address.");
    }

    /// <summary>The homeserver a user's own record points at.</summary>
    public static async Task<Homeserver> OfUserAsync(PublicKey user, PkdnsClient pkdns, CancellationToken cancellation) =>
        await pkdns.ResolveHomeserverAsync(user, cancellation)
            ?? throw new CliUnreachableException($"No PKARR record of {user.Z32} points at a reachable homeserver; give --homeserver.");
}

/// <summary>Something the command needs cannot be reached or resolved (exit status <see cref="ExitCodes.Unreachable"/>).</summary>
public sealed class CliUnreachableException(string message) : Exception(message);

/// <summary>An input the command cannot use (exit status <see cref="ExitCodes.BadInput"/>).</summary>
public sealed class CliInputException(string message) : Exception(message);
