using System.Diagnostics.CodeAnalysis;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;

namespace Pubky.Client.Pkdns;

/// <summary>
/// Where a homeserver's packet says plain clients reach it (spec A15.3, the browser/JS rule): the apex HTTPS record
/// of lowest priority whose target is a domain; <c>localhost</c> means <c>http://localhost:&lt;param 65280&gt;</c>,
/// any other domain <c>https://domain[:port]</c>.
/// </summary>
public static class HomeserverEndpoint
{
    private const string Apex = ".";

    public static bool TryGetUrl(SignedPacket homeserverPacket, [NotNullWhen(true)] out Uri? url)
    {
        var record = homeserverPacket.RecordsAt(Apex)
            .Select(r => r.Data)
            .OfType<ServiceBindingRecordData>()
            .Where(r => r.Priority > 0 && r.Target is not (Apex or "") && r.Target.TrimEnd('.') != homeserverPacket.PublicKey.Z32)
            .OrderBy(r => r.Priority)
            .FirstOrDefault();
        url = record switch
        {
            null => null,
            { Target: "localhost" } => record.Find(PubkyRecords.HttpPortKey) is { } port ? new Uri($"http://localhost:{port.AsPort()}/") : null,
            _ => new Uri(record.Find(SvcParam.PortKey) is { } port ? $"https://{record.Target}:{port.AsPort()}/" : $"https://{record.Target}/"),
        };
        return url is not null;
    }
}
