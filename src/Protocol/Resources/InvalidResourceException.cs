namespace Pubky.Protocol.Resources;

/// <summary>Text that is not a <c>pubky://</c> resource, a <c>pubky&lt;z32&gt;/</c> identifier or a transport URL.</summary>
public sealed class InvalidResourceException(string message) : PubkyFormatException(message);
