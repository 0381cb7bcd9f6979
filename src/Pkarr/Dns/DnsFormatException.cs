using Pubky.Protocol;

namespace Pubky.Pkarr.Dns;

/// <summary>A DNS message or record that the pkarr codec cannot read or write; the message says what is wrong.</summary>
public class DnsFormatException(string message) : PubkyFormatException(message);
