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

    /// <summary>
    /// The homeserver's Ed25519 secret as 64 hex characters. Unset (outside testnet) in the single-process form: generated
    /// once and kept in the data directory; a cluster must set it or <see cref="SecretKeyFile"/>.
    /// </summary>
    public string? SecretKeyHex { get; set; }

    /// <summary>A file holding the secret as 64 hex characters (a mounted Kubernetes secret); instead of <see cref="SecretKeyHex"/>.</summary>
    public string? SecretKeyFile { get; set; }

    /// <summary>Where the embedded profile keeps its database and file bodies.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The ICANN domain browsers reach this homeserver at; published as the priority-10 HTTPS record.</summary>
    public string? IcannDomain { get; set; } = "localhost";

    /// <summary>The address published in the A/AAAA record and the ipv4hint/ipv6hint.</summary>
    public string PublicIp { get; set; } = "127.0.0.1";

    /// <summary>The HTTP port clients use for the ICANN domain; unset means the client listener's port.</summary>
    public int? PublicIcannHttpPort { get; set; }

    /// <summary>The Pubky TLS port published for native clients; unset means Listen:PubkyTlsPort (not published while that is 0).</summary>
    public int? PublicPubkyTlsPort { get; set; }
}

/// <param name="clustered">
/// The process is part of a cluster (<see cref="HomeserverIdentityServices.IsClustered"/>): without a configured secret
/// each process would generate its own key, and the cluster would be as many homeservers as it has pods.
/// </param>
public sealed class HomeserverOptionsValidator(bool clustered) : IValidateOptions<HomeserverOptions>
{
    public ValidateOptionsResult Validate(string? name, HomeserverOptions options)
    {
        var errors = new List<string>();
        if (options.SecretKeyHex is { } hex && !SecretKeyText.IsValid(hex))
        {
            errors.Add("Homeserver:SecretKeyHex must be 64 hexadecimal characters (a 32-byte Ed25519 secret).");
        }
        if (options is { SecretKeyHex: not null, SecretKeyFile: not null })
        {
            errors.Add("Homeserver:SecretKeyHex and Homeserver:SecretKeyFile are both set; set one.");
        }
        if (options.SecretKeyFile is { } file && SecretKeyText.ProblemWithFile(file) is { } problem)
        {
            errors.Add($"Homeserver:SecretKeyFile '{file}' {problem}.");
        }
        if (clustered && options is { Testnet: false, SecretKeyHex: null, SecretKeyFile: null })
        {
            errors.Add("Homeserver:SecretKeyHex or Homeserver:SecretKeyFile must be set outside the testnet in a cluster"
                + " (Storage:Profile=Azure or Cluster:Membership other than Localhost): every process must share one identity.");
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
