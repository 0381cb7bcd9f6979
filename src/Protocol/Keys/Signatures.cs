namespace Pubky.Protocol.Keys;

/// <summary>Ed25519 signature facts shared by tokens and signed packets.</summary>
public static class Signatures
{
    public const int Length = 64;
}
