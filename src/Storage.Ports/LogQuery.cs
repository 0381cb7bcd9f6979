namespace PubkyCluster.Storage.Ports;

/// <summary>
/// A page of every user's events by one global cursor, ordered by id (descending when <see cref="Reverse"/>): events
/// after <see cref="Cursor"/> (before it when reversed); null means from the start (the end). <see cref="PathFilters"/>
/// as in <see cref="EventQuery"/>; none means every path, private ones included.
/// </summary>
public sealed record LogQuery(
    long? Cursor,
    IReadOnlyList<string> PathFilters,
    bool Reverse,
    int Limit);
