using Microsoft.AspNetCore.Builder;
using PubkyCluster.Hosting.Cluster;

// A silo of the cluster profile: grains, plus the metrics listener for /metrics and the probes. Gateways reach it as
// Orleans clients. appsettings.json is read from beside the binary, as the gateway does.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPubkySiloProcess();
var app = builder.Build();
app.MapPubkySiloProcess();
await app.RunAsync();
