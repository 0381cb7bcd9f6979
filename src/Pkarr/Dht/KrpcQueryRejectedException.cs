namespace Pubky.Pkarr.Dht;

/// <summary>A well-formed query this node refuses with a specific KRPC error code (bad token, 205, 206, 301, 302...).</summary>
internal sealed class KrpcQueryRejectedException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
