using System.Globalization;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Http;

/// <summary>The reference's status and text for each way a grain can say no. Clients match on these texts.</summary>
public static class RefusalResponses
{
    /// <summary>A connection bound frees as soon as any one connection ends, so a short wait is enough.</summary>
    private static readonly TimeSpan BoundRetryAfter = TimeSpan.FromSeconds(5);

    public static IResult For(Refusal refusal, long quotaBytes = 0)
    {
        var (status, message) = refusal switch
        {
            Refusal.UserNotFound or Refusal.EntryNotFound => (404, "Not Found"),
            Refusal.UserAlreadyExists => (409, "User already exists"),
            Refusal.UserDisabled => (403, "User is disabled"),
            Refusal.AuthTokenAlreadyUsed => (400, "AuthToken already used"),
            Refusal.SignupTokenRequired => (400, "Token required"),
            Refusal.SignupTokenInvalid => (401, "Invalid token"),
            Refusal.SignupTokenAlreadyUsed => (401, "Token already used"),
            Refusal.NoSessionSecret => (401, "No session secret found in cookies"),
            Refusal.SessionNotFound => (401, "No session found for session secret"),
            Refusal.SessionUserMismatch => (401, "SessionInfo public key does not match pubky-host"),
            Refusal.NoWriteAccess => (403, "Session does not have write access to path"),
            Refusal.NoReadAccess => (403, "Session does not have read access to path"),
            Refusal.PrivateReadNeedsSession => (401, "Authentication required to read private storage"),
            Refusal.WritePathNotAllowed => (403, "Write to this path is not allowed"),
            Refusal.QuotaExceededEarly => (507, string.Create(CultureInfo.InvariantCulture,
                $"Disk space quota of {quotaBytes / (double)StorageAccounting.BytesPerMb:0.0} MB exceeded. Write operation failed.")),
            Refusal.QuotaExceeded => (507, "Disk space quota exceeded"),
            Refusal.PathCollision => (409, "File/folder path collision"),
            Refusal.PathTooLongForStore => (400, "Invalid URL: the path is too long for this homeserver's storage"),
            // Not the client's fault and gone on a retry: the body is uploaded afresh and commits at once.
            Refusal.CommitTooLate => (503, "Upload took too long to commit, please retry"),
            Refusal.PopNonceAlreadyUsed => (401, "PoP nonce already used"),
            Refusal.GrantRevoked => (401, "Grant has been revoked"),
            Refusal.GrantNotFound => (404, "Not Found"),
            Refusal.GrantIdInvalid => (400, "Invalid grant ID format"),
            Refusal.RootCapabilityRequired => (403, "Root capability required"),
            // The reference has no such bound (README, differences): 403, since retrying soon does not help.
            Refusal.TooManyGrants => (403, "Too many grants for this user: revoked ones count until they expire"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
        };
        return PlainText.Error(status, message);
    }

    /// <summary>A place a bound kept back: an address over its share is told to slow down (429), a full gateway to come back (503).</summary>
    public static IResult For(BoundedResource resource, BoundScope scope)
    {
        var what = resource switch
        {
            BoundedResource.EventStreams => "open event streams",
            BoundedResource.LinkWaits => "waiting relay requests",
            BoundedResource.InboxWaits => "waiting inbox requests",
            BoundedResource.StoredInboxes => "stored inboxes",
            _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "Not a connection bound."),
        };
        return scope switch
        {
            BoundScope.Address => new RetryAfterResult(PlainText.Error(429, $"Too many {what} from this address"), BoundRetryAfter),
            BoundScope.Total => new RetryAfterResult(PlainText.Error(503, $"Too many {what}, please retry later"), BoundRetryAfter),
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a refusal."),
        };
    }

    /// <summary>An address that sent too many wrong admin passwords, until its window has passed.</summary>
    public static IResult AdminLockedOut(TimeSpan retryAfter) =>
        new RetryAfterResult(PlainText.Error(429, "Too many failed admin password attempts"), retryAfter);

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
