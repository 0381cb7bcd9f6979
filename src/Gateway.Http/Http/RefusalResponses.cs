using System.Globalization;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Http;

/// <summary>The reference's status and text for each way a grain can say no. Clients match on these texts.</summary>
public static class RefusalResponses
{
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
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
        };
        return PlainText.Error(status, message);
    }
}
