namespace Pubky.Protocol.Events;

/// <summary>What happened to a file: every successful PUT and DELETE records one event.</summary>
public enum EventKind
{
    Put,
    Delete,
}
