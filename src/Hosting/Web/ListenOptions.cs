using System.Net;

namespace PubkyCluster.Hosting.Web;

/// <summary>
/// Where each listener binds (configuration section "Listen"). A port of 0 turns that listener off, except the client
/// API's. The defaults are the reference testnet's ports, so the official SDKs' <c>testnet()</c> presets work as they are.
/// </summary>
public sealed class ListenOptions
{
    public const string Section = "Listen";

    /// <summary>"localhost" binds both loopback addresses (clients resolve localhost to either); otherwise an IP address.</summary>
    public string Address { get; set; } = "localhost";

    public int ClientPort { get; set; } = 6286;

    /// <summary>The client API over Pubky TLS (raw-public-key TLS 1.3 with the homeserver key), for native clients.</summary>
    public int PubkyTlsPort { get; set; } = 6287;

    public int AdminPort { get; set; } = 6288;

    public int MetricsPort { get; set; } = 6289;

    public int PkarrRelayPort { get; set; } = 15411;

    public int HttpRelayPort { get; set; } = 15412;

    /// <summary>Orleans silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port (used by separate gateway processes in the cluster profile).</summary>
    public int SiloGatewayPort { get; set; } = 30000;

    public bool IsLocalhost => string.Equals(Address, "localhost", StringComparison.OrdinalIgnoreCase);
}

public sealed class ListenOptionsValidator : IValidateOptions<ListenOptions>
{
    public ValidateOptionsResult Validate(string? name, ListenOptions options)
    {
        var errors = new List<string>();
        if (!options.IsLocalhost && !IPAddress.TryParse(options.Address, out _))
        {
            errors.Add($"Listen:Address must be 'localhost' or an IP address, not '{options.Address}'.");
        }
        var ports = new (string Name, int Port, bool Optional)[]
        {
            ("ClientPort", options.ClientPort, false), ("PubkyTlsPort", options.PubkyTlsPort, true), ("AdminPort", options.AdminPort, true),
            ("MetricsPort", options.MetricsPort, true), ("PkarrRelayPort", options.PkarrRelayPort, true),
            ("HttpRelayPort", options.HttpRelayPort, true), ("SiloPort", options.SiloPort, false),
            ("SiloGatewayPort", options.SiloGatewayPort, false),
        };
        foreach (var (portName, port, optional) in ports)
        {
            if (port is < 0 or > 65535 || (port == 0 && !optional))
            {
                errors.Add($"Listen:{portName} must be a port number{(optional ? " or 0 to turn it off" : "")}, not {port}.");
            }
        }
        var used = ports.Where(p => p.Port != 0).GroupBy(p => p.Port).Where(g => g.Count() > 1);
        errors.AddRange(used.Select(g => $"Listen: {string.Join(", ", g.Select(p => p.Name))} share port {g.Key}."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
