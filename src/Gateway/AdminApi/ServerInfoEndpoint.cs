using System.Reflection;
using Microsoft.Extensions.Options;
using PubkyCluster.Gateway.Hosting;
using PubkyCluster.Gateway.Pkdns;
using PubkyCluster.Grains.Storage;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>GET /info: counts read straight from the stores (no grain owns totals), and how the homeserver presents itself.</summary>
public static class ServerInfoEndpoint
{
    private static readonly string Version =
        typeof(ServerInfoEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/info", GetAsync);

    private static async Task<IResult> GetAsync(
        IUserStore users,
        ISignupTokenStore signupTokens,
        HomeserverIdentity identity,
        IOptions<HomeserverOptions> homeserver,
        IOptions<ListenOptions> listen,
        CancellationToken cancellationToken)
    {
        var totals = await users.GetTotalsAsync(cancellationToken);
        var (tokens, unusedTokens) = await signupTokens.CountAsync(cancellationToken);
        var endpoints = HomeserverEndpoints.From(homeserver.Value, listen.Value);
        return AdminJson.Ok(new ServerInfo(
            totals.Users,
            totals.DisabledUsers,
            totals.UsedBytes / StorageAccounting.BytesPerMb,
            tokens,
            unusedTokens,
            identity.PublicKey.Z32,
            HomeserverEndpoints.PubkyAddress(endpoints),
            HomeserverEndpoints.IcannAddress(endpoints),
            Version));
    }
}
