using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// Guards every admin route but the greeting and the WebDAV with <c>X-Admin-Password</c>, answering the reference's 401
/// texts (see <see cref="AdminPasswordCheck"/>). An address that sent too many wrong passwords gets 429 until its window
/// passes (see <see cref="AdminFailureLimiter"/>); a missing header is not a guess and is not counted.
/// </summary>
public sealed class AdminPasswordFilter(AdminPasswordCheck password, AdminFailureLimiter failures) : IEndpointFilter
{
    public const string HeaderName = "X-Admin-Password";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var address = context.HttpContext.Connection.RemoteIpAddress;
        if (failures.RetryAfter(address) is { } retryAfter)
        {
            return ValueTask.FromResult<object?>(RefusalResponses.AdminLockedOut(retryAfter));
        }
        if (!context.HttpContext.Request.Headers.TryGetValue(HeaderName, out var given))
        {
            return ValueTask.FromResult<object?>(PlainText.Error(StatusCodes.Status401Unauthorized, "Missing admin password"));
        }
        if (password.Matches(given.ToString()))
        {
            return next(context);
        }
        failures.RecordFailure(address);
        return ValueTask.FromResult<object?>(PlainText.Error(StatusCodes.Status401Unauthorized, "Invalid admin password"));
    }
}
