namespace Pubky.Protocol.Auth.Grants;

/// <summary>A refused grant or PoP; <see cref="Exception.Message"/> is the reference's response text.</summary>
public sealed class InvalidGrantException : PubkyFormatException
{
    private InvalidGrantException(GrantError error, string message) : base(message) => Error = error;

    public GrantError Error { get; }

    /// <summary>
    /// A malformed grant (format, typ) is the client's mistake (400); a forged or expired grant and every PoP failure
    /// are authentication failures (401), as the reference maps them.
    /// </summary>
    public bool IsUnauthorized => Error is not (GrantError.GrantInvalidFormat or GrantError.GrantInvalidHeaderType);

    public static InvalidGrantException Of(GrantError error) => new(error, error switch
    {
        GrantError.GrantInvalidFormat => "Invalid grant: invalid grant format",
        GrantError.GrantInvalidHeaderType => "Invalid grant: invalid grant header type, expected pubky-grant",
        GrantError.GrantInvalidSignature => "Invalid grant: invalid grant signature",
        GrantError.GrantExpired => "Invalid grant: grant has expired",
        GrantError.PopInvalidFormat => "Invalid PoP proof: invalid PoP format",
        GrantError.PopInvalidHeaderType => "Invalid PoP proof: invalid PoP header type, expected pubky-pop",
        GrantError.PopInvalidSignature => "Invalid PoP proof: invalid PoP signature",
        GrantError.PopAudienceMismatch => "Invalid PoP proof: PoP audience mismatch",
        GrantError.PopGrantIdMismatch => "Invalid PoP proof: PoP grant ID mismatch",
        GrantError.PopTimestampOutOfRange => "Invalid PoP proof: PoP timestamp out of range",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    });
}
