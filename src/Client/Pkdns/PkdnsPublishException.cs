namespace Pubky.Client.Pkdns;

/// <summary>A user's record could not be published to any PKARR source.</summary>
public sealed class PkdnsPublishException(string message) : Exception(message);
