namespace Pubky.Pkarr.Krpc;

/// <summary>The <c>e</c> list of an error message: a code from <see cref="KrpcErrorCodes"/> and a human-readable text.</summary>
public sealed record KrpcError(long Code, string Message);
