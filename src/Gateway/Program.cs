using PubkyCluster.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPubkyHomeserver();
var app = builder.Build();
app.MapPubkyHomeserver();
await app.RunAsync();
