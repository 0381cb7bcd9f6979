namespace Pubky.Protocol.Auth.Grants;

/// <summary>Why a grant or a PoP was refused.</summary>
public enum GrantError
{
    GrantInvalidFormat,
    GrantInvalidHeaderType,
    GrantInvalidSignature,
    GrantExpired,
    PopInvalidFormat,
    PopInvalidHeaderType,
    PopInvalidSignature,
    PopAudienceMismatch,
    PopGrantIdMismatch,
    PopTimestampOutOfRange,
}
