namespace Pubky.Client.Events;

/// <summary>What an event records: a file written (<c>PUT</c>) or deleted (<c>DEL</c>), spec A7.5.</summary>
public enum EventKind
{
    Put,
    Delete,
}
