namespace PubkyCluster.Hosting.PubkyTls;

/// <summary>What the Pubky TLS listener reports. Refused handshakes are routine on a public port: debug level.</summary>
internal static partial class PubkyTlsLog
{
    [LoggerMessage(EventId = 5601, Level = LogLevel.Debug, Message = "Pubky TLS handshake with {Remote} refused: {Reason}")]
    public static partial void HandshakeRefused(ILogger logger, string? remote, string reason);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Debug, Message = "Pubky TLS handshake with {Remote} timed out after {Timeout}")]
    public static partial void HandshakeTimedOut(ILogger logger, string? remote, TimeSpan timeout);

    [LoggerMessage(EventId = 5603, Level = LogLevel.Information, Message = "Pubky TLS serves the client API on port {Port} with the key {Key}")]
    public static partial void Listening(ILogger logger, int port, string key);
}
