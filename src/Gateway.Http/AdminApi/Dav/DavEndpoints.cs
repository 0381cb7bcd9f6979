using System.Globalization;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Paths;
using PubkyCluster.Gateway.ClientApi;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi.Dav;

/// <summary>
/// <c>ANY /dav{*path}</c>: WebDAV class 1 over every user's files, for an operator's file browser (the reference serves
/// it with dav-server over its file store: pubky-homeserver/src/admin_server/app_state.rs). Every read and write goes
/// through the user grain as the operator, so quota, entry index and events move exactly as for the user's own writes.
/// Directories are implicit (prefixes of file paths), so a directory exists while something is under it.
/// </summary>
public sealed partial class DavEndpoints(
    UserGrains users, EntryBodies bodies, FileUpload upload, ReleasedBlobs released, IOptions<AdminOptions> options, ILogger<DavEndpoints> logger)
{
    public const string Allow = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, MKCOL";

    /// <summary>RFC 4918 §9.1: a server may refuse Depth infinity, saying so with this precondition.</summary>
    private const string FiniteDepthOnly =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\"><D:propfind-finite-depth/></D:error>\n";

    private int PageSize => options.Value.DavPageSize;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var dav = endpoints.MapGroup(DavTarget.Prefix).AddEndpointFilter<DavBasicAuthFilter>();
        dav.Map("", Handle);
        dav.Map("/{**target}", Handle);
    }

    private static Task<IResult> Handle(HttpContext context, DavEndpoints dav) => dav.DecideAsync(context);

    private async Task<IResult> DecideAsync(HttpContext context)
    {
        var method = context.Request.Method;
        // Private files and listings pass here too: nothing is kept by a browser or proxy.
        context.Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsOptions(method))
        {
            context.Response.Headers["DAV"] = "1";
            context.Response.Headers["MS-Author-Via"] = "DAV";
            context.Response.Headers.Allow = Allow;
            return Results.StatusCode(StatusCodes.Status200OK);
        }
        if (!DavTarget.TryParse(RawTarget.Path(context), out var target, out var refusal))
        {
            return refusal;
        }
        var user = users.For(target.User.Z32);
        if (!await user.Exists())
        {
            return NotFound();
        }
        switch (method)
        {
            case "PROPFIND":
                return await PropfindAsync(context, target, user);
            case "GET" or "HEAD":
                return await GetAsync(context, target, user, headOnly: HttpMethods.IsHead(method));
        }
        var result = method switch
        {
            "PUT" => await upload.PutAsync(
                context, user, target.Path,
                declaredLength => user.AdminAuthorizeWrite(target.Path.Value, declaredLength),
                (uploaded, check) => user.AdminCommitPut(uploaded.CommitAt(target.Path.Value, sessionSecretHash: null, check))),
            "DELETE" => await DeleteAsync(context, target, user),
            "MKCOL" => await MakeCollectionAsync(context, target, user),
            _ => MethodNotAllowed(context),
        };
        LogOperatorWrite(method, target.User.Z32, target.Path.Value, (result as IStatusCodeHttpResult)?.StatusCode);
        return result;
    }

    private async Task<IResult> PropfindAsync(HttpContext context, DavTarget target, IUserGrain user)
    {
        var depth = context.Request.Headers["Depth"].ToString().Trim();
        if (depth.Length == 0 || depth.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            // As the reference's dav-server: a missing Depth means infinity, and infinity is refused.
            return Results.Text(FiniteDepthOnly, "application/xml; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        if (depth is not ("0" or "1"))
        {
            return PlainText.Error(StatusCodes.Status400BadRequest, "Invalid Depth header");
        }
        if (await ResolveAsync(user, target.Path, fresh: false) is not { } resource)
        {
            return NotFound();
        }
        var children = resource.Entry is null && depth == "1"
            ? DavListing.PagesAsync(user, WebDavPath.Parse(resource.Path), PageSize, shallow: true, context.RequestAborted)
            : null;
        return new MultistatusResult(target, resource, children);
    }

    private async Task<IResult> GetAsync(HttpContext context, DavTarget target, IUserGrain user, bool headOnly)
    {
        // As the client GET: an overwrite may delete the body the entry named before it is read; then ask again, fresh.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await ResolveAsync(user, target.Path, fresh: attempt > 0) is not { } resource)
            {
                return NotFound();
            }
            if (resource.Entry is not { } entry)
            {
                var directory = WebDavPath.Parse(resource.Path);
                return headOnly
                    ? Results.Content("", "text/html; charset=utf-8")
                    : new IndexPageResult(target, resource.Path, DavListing.PagesAsync(user, directory, PageSize, shallow: true, context.RequestAborted));
            }
            var headers = context.Response.Headers;
            headers.ETag = ContentHash.FromBytes(entry.ContentHash).ToETag();
            headers.LastModified = entry.ModifiedAt.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
            if (headOnly)
            {
                context.Response.ContentLength = entry.ContentLength;
                context.Response.ContentType = entry.ContentType;
                return Results.Empty;
            }
            if (await bodies.OpenAsync(context.Response, entry, context.RequestAborted) is { } body)
            {
                return body;
            }
        }
        return NotFound();
    }

    /// <summary>A file is deleted as by DELETE /webdav; a directory by deleting every file below it, page by page (RFC 4918 §9.6.1).</summary>
    private async Task<IResult> DeleteAsync(HttpContext context, DavTarget target, IUserGrain user)
    {
        if (target.IsUserRoot)
        {
            return PlainText.Error(StatusCodes.Status403Forbidden, "The user's root cannot be deleted");
        }
        if (await ResolveAsync(user, target.Path, fresh: false) is not { } resource)
        {
            return NotFound();
        }
        if (resource.Entry is not null)
        {
            return await WebDavDeleteEndpoint.DeleteFileAsync(user, target.Path, released);
        }
        await foreach (var page in DavListing.PagesAsync(user, WebDavPath.Parse(resource.Path), PageSize, shallow: false, context.RequestAborted))
        {
            foreach (var file in page)
            {
                // A file deleted meanwhile by someone else is already what was asked for.
                await WebDavDeleteEndpoint.DeleteFileAsync(user, WebDavPath.Parse(file.Path), released);
            }
        }
        return Results.NoContent();
    }

    /// <summary>
    /// Nothing is stored: a directory exists while a file is below it, so the new one shows once something is written
    /// into it (README, differences). An existing file or directory is RFC 4918's 405, a body its 415.
    /// </summary>
    private static async Task<IResult> MakeCollectionAsync(HttpContext context, DavTarget target, IUserGrain user)
    {
        if (context.Request.ContentLength > 0)
        {
            return PlainText.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type");
        }
        if (target.IsUserRoot || await ResolveAsync(user, target.Path, fresh: false) is not null)
        {
            return MethodNotAllowed(context);
        }
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    /// <summary>
    /// The file at the path, else the directory of that name if anything is below it, else null. The user's root
    /// always exists.
    /// </summary>
    private static async Task<ListedEntry?> ResolveAsync(IUserGrain user, WebDavPath path, bool fresh)
    {
        if (path == WebDavPath.Root)
        {
            return new ListedEntry(path.Value, null);
        }
        if (path.IsFile)
        {
            if ((await user.AdminRead(path.Value, fresh)).Entry is { } entry)
            {
                return new ListedEntry(path.Value, entry);
            }
            if (!WebDavPath.TryParse(path.DirectoryPrefix, out var directory))
            {
                return null;
            }
            path = directory;
        }
        return await DavListing.ExistsAsync(user, path) ? new ListedEntry(path.Value, null) : null;
    }

    private static IResult MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = Allow;
        return PlainText.Error(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
    }

    private static IResult NotFound() => PlainText.Error(StatusCodes.Status404NotFound, "Not Found");

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Admin WebDAV {Method} of {User}{Path}: {Status}")]
    private partial void LogOperatorWrite(string method, string user, string path, int? status);
}
