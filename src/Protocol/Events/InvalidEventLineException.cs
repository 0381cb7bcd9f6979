namespace Pubky.Protocol.Events;

/// <summary>A line of an events feed that is not <c>PUT &lt;uri&gt;</c> or <c>DEL &lt;uri&gt;</c>.</summary>
public sealed class InvalidEventLineException(string message) : PubkyFormatException(message);
