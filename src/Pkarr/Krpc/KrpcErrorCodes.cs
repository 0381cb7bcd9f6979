namespace Pubky.Pkarr.Krpc;

/// <summary>KRPC error codes from BEP 5 and BEP 44 that this node sends or interprets.</summary>
public static class KrpcErrorCodes
{
    public const int Generic = 201;
    public const int Server = 202;

    /// <summary>Malformed query, and also BEP44's "bad token".</summary>
    public const int Protocol = 203;

    public const int MethodUnknown = 204;
    public const int ValueTooBig = 205;
    public const int InvalidSignature = 206;
    public const int SaltTooBig = 207;
    public const int CasMismatch = 301;
    public const int SequenceTooLow = 302;
}
