using System.Globalization;
using Microsoft.Net.Http.Headers;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Gateway.Throttling;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Files and directory listings under /pub/ and /priv/ of the tenant. Authorization follows the reference's order:
/// tenant, the raw path's root, the session, then the normalised path; every decision is the user grain's.
/// </summary>
public sealed class StorageEndpoints(
    UserGrains users, EntryBodies bodies, FileUpload upload, ReleasedBlobs released, BandwidthBuckets bandwidth, IOptions<LimitsOptions> limits)
{
    public const string ForbiddenRoot = "Writing to directories other than '/pub/' and '/priv/' is forbidden";

    private const string PathAddressedPrefix = "/storage/";

    /// <summary>The reference's form: the tenant from pubky-host, Host or ?pubky-host, the path as requested.</summary>
    public async Task Handle(HttpContext context) =>
        await (await Decide(context, Tenant.Resolve(context.Request), RawTarget.Path(context))).ExecuteAsync(context);

    /// <summary>The path-addressed form <c>/storage/{user}/{path}</c>, for clients that cannot set headers.</summary>
    public async Task HandlePathAddressed(HttpContext context)
    {
        var rest = RawTarget.Path(context)[PathAddressedPrefix.Length..];
        var slash = rest.IndexOf('/');
        var result = slash > 0 && PublicKey.TryParseZ32(rest.AsSpan(0, slash), out var user)
            ? await Decide(context, user, rest[slash..])
            : PlainText.Error(400, "Invalid public key");
        await result.ExecuteAsync(context);
    }

    private async Task<IResult> Decide(HttpContext context, PublicKey? tenant, string rawPath)
    {
        var request = context.Request;
        if (tenant is null)
        {
            return PlainText.Error(404, Tenant.MissingMessage);
        }
        if (!rawPath.StartsWith("/pub/", StringComparison.Ordinal) && !rawPath.StartsWith("/priv/", StringComparison.Ordinal))
        {
            return PlainText.Error(403, ForbiddenRoot);
        }
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var sessionHash = SessionCredential.Hash(request, tenant);
        if (!isRead && sessionHash is null)
        {
            return RefusalResponses.For(Refusal.NoSessionSecret);
        }
        if (!WebDavPath.TryParse(Uri.UnescapeDataString(rawPath), out var path, out var error))
        {
            return PlainText.Error(400, "Invalid URL: " + error);
        }
        if (!path.IsPublic && !path.IsPrivate)
        {
            return PlainText.Error(403, ForbiddenRoot);
        }
        if (path.IsPrivate)
        {
            // Private answers are never cached and vary by who asks.
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Vary = "pubky-host, Authorization, Cookie";
        }
        var user = users.For(tenant.Z32);
        var method = request.Method;
        if (isRead && path.IsDirectory)
        {
            var refusal = await user.AuthorizeRead(sessionHash, path.Value);
            if (refusal != Refusal.None)
            {
                return RefusalResponses.For(refusal);
            }
            return HttpMethods.IsHead(method) ? NotFound() : await List(context, tenant, user, path);
        }
        if (isRead)
        {
            return await Read(context, user, new ReadRequest(sessionHash, path.Value), path.IsPrivate, headOnly: HttpMethods.IsHead(method));
        }
        if (HttpMethods.IsPut(method))
        {
            return await Write(context, user, path, sessionHash!);
        }
        if (HttpMethods.IsDelete(method))
        {
            return await Delete(context, user, path, sessionHash!);
        }
        var decision = await user.AuthorizeWrite(new WriteRequest(sessionHash, path.Value, null));
        return decision.IsAllowed ? PlainText.Error(405, "Method Not Allowed") : RefusalResponses.For(decision.Refusal, decision.QuotaBytes);
    }

    private async Task<IResult> Read(HttpContext context, IUserGrain user, ReadRequest request, bool isPrivate, bool headOnly)
    {
        // An overwrite may delete the body this entry named before it is read; then the grain is asked for the newer
        // entry, from its store rather than its cache.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var outcome = await user.Read(attempt == 0 ? request : request with { Fresh = true });
            if (outcome.Refusal != Refusal.None)
            {
                return RefusalResponses.For(outcome.Refusal);
            }
            if (outcome.Entry is not { } entry)
            {
                return NotFound();
            }
            var headers = context.Response.Headers;
            var etag = ContentHash.FromBytes(entry.ContentHash).ToETag();
            var lastModified = entry.ModifiedAt.ToUniversalTime();
            headers.ETag = etag;
            headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
            if (!isPrivate)
            {
                headers.Vary = "pubky-host";
                headers.CacheControl = "private, must-revalidate";
            }
            if (headOnly)
            {
                context.Response.ContentLength = entry.ContentLength;
                context.Response.ContentType = entry.ContentType;
                return Results.Empty;
            }
            if (IsNotModified(context.Request, etag, lastModified))
            {
                return Results.StatusCode(304);
            }
            ThrottleDownload(context, user, outcome);
            if (await bodies.OpenAsync(context.Response, entry, context.RequestAborted) is { } body)
            {
                return body;
            }
        }
        return NotFound();
    }

    /// <summary>
    /// The owner reading with their session is throttled by their own read rate; anyone else by their address's
    /// (Limits:UnauthenticatedIpRateRead), as the reference does. Set once, before the first body byte.
    /// </summary>
    private void ThrottleDownload(HttpContext context, IUserGrain user, ReadOutcome outcome)
    {
        // Asked first: with no rate (the default) a GET formats no bucket key.
        if ((outcome.ByOwner ? outcome.OwnerRate : limits.Value.IpRateRead) is not { } rate)
        {
            return;
        }
        var key = outcome.ByOwner ? "user:" + user.GetPrimaryKeyString() : "ip:" + ClientAddressKey.Of(context);
        var throttle = bandwidth.For(key, ThrottleDirection.Read, rate);
        if (throttle is not null && context.Response.Body is not ThrottledResponseStream)
        {
            context.Response.Body = new ThrottledResponseStream(context.Response.Body, throttle);
        }
    }

    /// <summary>If-None-Match wins when present (exact string compare, as the reference); else If-Modified-Since at second resolution.</summary>
    private static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return ifNoneMatch.Split(',').Any(candidate => candidate.Trim() == etag);
        }
        return HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && lastModified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }

    private static async Task<IResult> List(HttpContext context, PublicKey tenant, IUserGrain user, WebDavPath directory)
    {
        var request = context.Request;
        string? cursor = null;
        var cursorText = request.Query["cursor"].ToString();
        if (cursorText.Length > 0)
        {
            if (!EntryPath.TryParse(cursorText, out var entryPath))
            {
                return PlainText.Error(400, "Invalid cursor");
            }
            cursor = entryPath.Path.Value;
        }
        if (QueryParameters.Flag(request, "reverse") is not { } reverse || QueryParameters.Flag(request, "shallow") is not { } shallow)
        {
            return PlainText.Error(400, QueryParameters.InvalidBoolean);
        }
        var page = await user.List(new ListRequest(directory.Value, cursor, QueryParameters.Limit(request), reverse, shallow));
        if (page is null)
        {
            return PlainText.Error(404, "Directory Not Found");
        }
        return Results.Text(string.Join('\n', page.Select(p => $"pubky://{tenant.Z32}{p}")), PlainText.ContentType);
    }

    private Task<IResult> Write(HttpContext context, IUserGrain user, WebDavPath path, string sessionHash) => upload.PutAsync(
        context, user, path,
        declaredLength => user.AuthorizeWrite(new WriteRequest(sessionHash, path.Value, declaredLength)),
        (uploaded, check) => user.CommitPut(uploaded.CommitAt(path.Value, sessionHash, check)));

    private async Task<IResult> Delete(HttpContext context, IUserGrain user, WebDavPath path, string sessionHash)
    {
        var outcome = await user.Delete(new WriteRequest(sessionHash, path.Value, null));
        if (!outcome.IsCommitted)
        {
            return RefusalResponses.For(outcome.Refusal);
        }
        await released.DeleteAsync(outcome.ReleasedBlobId);
        return Results.StatusCode(204);
    }

    /// <summary>
    /// Kestrel resolves "." and ".." before routing, the reference does not: such a request is judged here on its raw
    /// path (so "/pub/../x" is a 400, never a route of another path).
    /// </summary>
    public static Func<HttpContext, Func<Task>, Task> DotSegmentGuard => async (context, next) =>
    {
        if (Uri.UnescapeDataString(RawTarget.Path(context)).Split('/').Any(segment => segment is "." or ".."))
        {
            await context.RequestServices.GetRequiredService<StorageEndpoints>().Handle(context);
            return;
        }
        await next();
    };

    private static IResult NotFound() => PlainText.Error(404, "Not Found");
}
