namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>The settings scripts/cluster.sh writes to DIR/cluster.env: one <c>NAME='value'</c> per line.</summary>
public sealed class ClusterEnv
{
    private readonly Dictionary<string, string> _values;

    private ClusterEnv(Dictionary<string, string> values) => _values = values;

    public static ClusterEnv Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }
            var value = line[(equals + 1)..];
            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                value = value[1..^1];
            }
            values[line[..equals]] = value;
        }
        return new ClusterEnv(values);
    }

    public string this[string name] =>
        _values.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"cluster.env has no {name}");

    public string? Find(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public int Port(string name) => int.Parse(this[name], System.Globalization.CultureInfo.InvariantCulture);

    public GatewayEndpoints Gateway(int index) => new(
        index,
        new Uri(this[$"CLUSTER_GATEWAY_{index}_URL"]),
        new Uri(this[$"CLUSTER_GATEWAY_{index}_ADMIN_URL"]),
        new Uri(this[$"CLUSTER_GATEWAY_{index}_HTTP_RELAY_URL"]),
        Port($"CLUSTER_GATEWAY_{index}_CLIENT_PORT"),
        Port($"CLUSTER_GATEWAY_{index}_ADMIN_PORT"),
        Port($"CLUSTER_GATEWAY_{index}_PKARR_RELAY_PORT"),
        Port($"CLUSTER_GATEWAY_{index}_HTTP_RELAY_PORT"),
        Port($"CLUSTER_GATEWAY_{index}_PUBKY_TLS_PORT"));
}

/// <summary>Where one gateway of the local cluster listens.</summary>
public sealed record GatewayEndpoints(
    int Index, Uri Client, Uri Admin, Uri HttpRelay, int ClientPort, int AdminPort, int PkarrRelayPort, int HttpRelayPort, int PubkyTlsPort)
{
    public Uri ClientUrl(string pathAndQuery) => new(Client, pathAndQuery);

    public Uri AdminUrl(string pathAndQuery) => new(Admin, pathAndQuery);

    public Uri LinkUrl(string channel) => new(HttpRelay, "/link/" + channel);

    public Uri InboxUrl(string id, string suffix = "") => new(HttpRelay, $"/inbox/{id}{suffix}");

    public override string ToString() => $"gateway {Index} ({Client})";
}
