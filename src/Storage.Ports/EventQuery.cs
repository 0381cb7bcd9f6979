namespace PubkyCluster.Storage.Ports;

/// <summary>
/// A page of the events of some users, ordered by id (descending when <see cref="Reverse"/>). Each user has an
/// exclusive bound: events after it (before it when reversed); a null bound means from the start (the end).
/// <see cref="PathFilters"/>: a filter ending in '/' matches paths under it, any other matches that exact path; the
/// union of the filters applies.
/// </summary>
public sealed record EventQuery(
    IReadOnlyDictionary<string, long?> UserCursors,
    IReadOnlyList<string> PathFilters,
    bool Reverse,
    int Limit);
