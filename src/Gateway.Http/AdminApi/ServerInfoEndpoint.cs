using System.Reflection;
using PubkyCluster.Gateway.Pkdns;
using PubkyCluster.Grains.Operators;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>GET /info: the homeserver's totals (from a stateless grain over the stores) and how it presents itself.</summary>
public static class ServerInfoEndpoint
{
    private static readonly string Version =
        typeof(ServerInfoEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/info", GetAsync);

    private static async Task<IResult> GetAsync(
        IGrainFactory grains,
        HomeserverIdentity identity,
        IOptions<HomeserverOptions> homeserver,
        IOptions<ListenOptions> listen)
    {
        var totals = await grains.GetGrain<IHomeserverTotalsGrain>(0).GetTotals();
        var endpoints = HomeserverEndpoints.From(homeserver.Value, listen.Value);
        return AdminJson.Ok(new ServerInfo(
            totals.Users,
            totals.DisabledUsers,
            totals.UsedBytes / StorageAccounting.BytesPerMb,
            totals.SignupTokens,
            totals.UnusedSignupTokens,
            identity.PublicKey.Z32,
            HomeserverEndpoints.PubkyAddress(endpoints),
            HomeserverEndpoints.IcannAddress(endpoints),
            Version));
    }
}
