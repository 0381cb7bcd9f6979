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
        .AddSingleton<EntryBodies>()
        .AddSingleton<FileUpload>()
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
        endpoints.MapPost("/auth/grant/session", GrantSessionEndpoints.Create);
        endpoints.MapGet("/auth/grant/session", GrantSessionEndpoints.Get);
        endpoints.MapDelete("/auth/grant/session", GrantSessionEndpoints.SignOut);
        endpoints.MapPost("/auth/grant/signup", GrantSignupEndpoint.Handle);
        endpoints.MapGet("/auth/grant/sessions", GrantListEndpoints.List);
        endpoints.MapDelete("/auth/grant/session/{gid}", GrantListEndpoints.Revoke);
        endpoints.MapGet("/events/", EventsFeedEndpoint.Handle);
        endpoints.MapGet("/events-stream", (HttpContext context, EventsStreamEndpoint stream) => stream.Handle(context));
        endpoints.MapGet("/signup_tokens/{token}", SignupTokenEndpoint.Handle);
        endpoints.Map("/storage/{user}/{**path}", (HttpContext context, StorageEndpoints storage) => storage.HandlePathAddressed(context));
        endpoints.Map("/{**path}", (HttpContext context, StorageEndpoints storage) => storage.Handle(context));
    }
}
