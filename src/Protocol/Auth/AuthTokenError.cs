namespace Pubky.Protocol.Auth;

/// <summary>Why an AuthToken was refused. Every kind maps to a 400 with the reference's message, except where noted.</summary>
public enum AuthTokenError
{
    /// <summary>The bytes are not a postcard-encoded token (truncated, bad varint, bad UTF-8, oversized).</summary>
    Malformed,
    UnknownVersion,
    TooFarInTheFuture,
    Expired,
    InvalidSignature,
    /// <summary>The same token (timestamp and key) was presented before within the acceptance window.</summary>
    AlreadyUsed,
}
