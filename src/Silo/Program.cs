using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PubkyCluster.Silo.Hosting;

// A silo of the cluster profile: grains only, no HTTP. Gateways reach it as Orleans clients.
var builder = Host.CreateApplicationBuilder(args);
var listen = builder.Configuration.GetSection("Listen");
builder.UseOrleans(silo => silo.AddPubkySilo(
    builder.Configuration,
    listen.GetValue("SiloPort", 11111),
    listen.GetValue("SiloGatewayPort", 30000)));
await builder.Build().RunAsync();
