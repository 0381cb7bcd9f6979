using PubkyCluster.Gateway;
using PubkyCluster.Hosting.Web;

// appsettings.json is read from beside the binary, whatever directory the homeserver is started from;
// relative paths in the configuration (Homeserver:DataDirectory) stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPubkyHomeserver(GatewayHttp.Surface);
var app = builder.Build();
app.MapPubkyHomeserver();
await app.RunAsync();
