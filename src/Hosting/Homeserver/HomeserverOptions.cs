using System.Net;

namespace PubkyCluster.Hosting.Homeserver;

/// <summary>Who this homeserver is and how it presents itself (configuration section "Homeserver").</summary>
public sealed class HomeserverOptions
{
    public const string Section = "Homeserver";

    /// <summary>
    /// Testnet mode: the key comes from a secret of 32 zero bytes (8pinxxgq…), signup defaults to open, and the pkarr
    /// and http relays run on their testnet ports, as the reference's static testnet does.
    /// </summary>
    public bool Testnet { get; set; }

    /// <summary>The homeserver's Ed25519 secret as 64 hex characters. Unset (outside testnet): generated once and kept in the data directory.</summary>
    public string? SecretKeyHex { get; set; }

    /// <summary>Where the embedded profile keeps its database and file bodies.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The ICANN domain browsers reach this homeserver at; published as the priority-10 HTTPS record.</summary>
    public string? IcannDomain { get; set; } = "localhost";

    /// <summary>The address published in the A/AAAA record and the ipv4hint/ipv6hint.</summary>
    public string PublicIp { get; set; } = "127.0.0.1";

    /// <summary>The HTTP port clients use for the ICANN domain; unset means the client listener's port.</summary>
    public int? PublicIcannHttpPort { get; set; }

    /// <summary>The Pubky TLS port published for native clients; unset means 6287, the reference's default.</summary>
    public int? PublicPubkyTlsPort { get; set; }
}

public sealed class HomeserverOptionsValidator : IValidateOptions<HomeserverOptions>
{
    public ValidateOptionsResult Validate(string? name, HomeserverOptions options)
    {
        var errors = new List<string>();
        if (options.SecretKeyHex is { } hex && (hex.Length != 64 || !hex.All(Uri.IsHexDigit)))
        {
            errors.Add("Homeserver:SecretKeyHex must be 64 hexadecimal characters (a 32-byte Ed25519 secret).");
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Homeserver:DataDirectory must be set.");
        }
        if (!IPAddress.TryParse(options.PublicIp, out _))
        {
            errors.Add($"Homeserver:PublicIp must be an IP address, not '{options.PublicIp}'.");
        }
        foreach (var (key, port) in new[] { ("PublicIcannHttpPort", options.PublicIcannHttpPort), ("PublicPubkyTlsPort", options.PublicPubkyTlsPort) })
        {
            if (port is < 1 or > 65535)
            {
                errors.Add($"Homeserver:{key} must be a port number.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
