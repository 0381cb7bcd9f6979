using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>The client API's routes. Literal routes win over the tenant catch-all that serves files and listings.</summary>
public static class ClientApiEndpoints
{
    public static IServiceCollection AddClientApi(this IServiceCollection services) => services
        .AddSingleton<ReleasedBlobs>()
        .AddSingleton<ContentTypeSniffer>()
        .AddSingleton<BodyUploader>()
        .AddSingleton<BodyCache>()
        .AddSingleton<FeedPageCache>()
        .AddSingleton<StorageEndpoints>()
        .AddSingleton<EventStreamDelivery>()
        .AddSingleton<EventsStreamEndpoint>();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Text("Pubky Homeserver", "text/plain"));
        endpoints.MapPost("/signup", SessionEndpoints.SignUp);
        endpoints.MapPost("/session", SessionEndpoints.SignIn);
        endpoints.MapGet("/session", SessionEndpoints.Get);
        endpoints.MapDelete("/session", SessionEndpoints.SignOut);
        endpoints.MapGet("/events/", EventsFeedEndpoint.Handle);
        endpoints.MapGet("/events-stream", (HttpContext context, EventsStreamEndpoint stream) => stream.Handle(context));
        endpoints.MapGet("/signup_tokens/{token}", SignupTokenEndpoint.Handle);
        endpoints.Map("/storage/{user}/{**path}", (HttpContext context, StorageEndpoints storage) => storage.HandlePathAddressed(context));
        endpoints.Map("/{**path}", (HttpContext context, StorageEndpoints storage) => storage.Handle(context));
    }
}
