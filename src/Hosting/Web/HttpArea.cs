using Microsoft.AspNetCore.Builder;

namespace PubkyCluster.Hosting.Web;

/// <summary>
/// One HTTP API on its own listener (the reference runs one server per socket): the port it is served on (0: off) and
/// the pipeline that serves it. The gateway's areas are defined beside their endpoints (src/Gateway.Http).
/// </summary>
public sealed record HttpArea(string Name, Func<ListenOptions, int> Port, Action<IApplicationBuilder> Pipeline);

/// <summary>The HTTP side of a homeserver process: its services, and the areas it serves.</summary>
public sealed record HttpSurface(Action<IServiceCollection, IConfiguration> AddServices, IReadOnlyList<HttpArea> Areas);
