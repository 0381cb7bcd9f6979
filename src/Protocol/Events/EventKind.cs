namespace Pubky.Protocol.Events;

/// <summary>What happened to a file (A7.5): every successful PUT and DELETE records one event.</summary>
public enum EventKind
{
    Put,
    Delete,
}
