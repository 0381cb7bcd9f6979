namespace Pubky.Pkarr.Krpc;

/// <summary>The KRPC <c>y</c> field: what the rest of the message means.</summary>
public enum KrpcMessageKind
{
    Query,
    Response,
    Error,
}
