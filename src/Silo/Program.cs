using Microsoft.Extensions.Hosting;
using PubkyCluster.Hosting.Cluster;

// A silo of the cluster profile: grains only, no client API. Gateways reach it as Orleans clients.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPubkySiloProcess();
await builder.Build().RunAsync();
