using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// The user grain's commits that have been started but are not durable yet: what the next write must be decided
/// against (the entries they write, the bytes they add), while reads go on seeing only what is durable. Touched only
/// on the activation's scheduler, so it needs no lock.
/// </summary>
internal sealed class CommitsInFlight
{
    private readonly Dictionary<string, (EntryChange Latest, int Count)> _byPath = new(StringComparer.Ordinal);
    private TaskCompletionSource _drained = Drained();

    public int Count { get; private set; }

    /// <summary>What the started commits add to the durable used bytes.</summary>
    public long UsedBytesDelta { get; private set; }

    public void Started(EntryChange change)
    {
        if (Count++ == 0)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        UsedBytesDelta += change.UsedBytesDelta;
        var count = _byPath.TryGetValue(change.Path.Value, out var path) ? path.Count : 0;
        _byPath[change.Path.Value] = (change, count + 1);
    }

    /// <summary>The change is durable or failed; either way it no longer shapes the next decision.</summary>
    public void Ended(EntryChange change)
    {
        UsedBytesDelta -= change.UsedBytesDelta;
        var path = _byPath[change.Path.Value];
        if (path.Count == 1)
        {
            _byPath.Remove(change.Path.Value);
        }
        else
        {
            _byPath[change.Path.Value] = path with { Count = path.Count - 1 };
        }
        if (--Count == 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>
    /// Whether a started commit writes <paramref name="path"/>; <paramref name="file"/> is the file it leaves there,
    /// null when it deletes it.
    /// </summary>
    public bool TryGet(string path, out EntryRecord? file)
    {
        var found = _byPath.TryGetValue(path, out var changes);
        file = found ? changes.Latest.NewEntry : null;
        return found;
    }

    /// <summary>
    /// Whether a commit in flight writes <paramref name="path"/>, a path above it or one below it: only then can the
    /// store's durable answer about <paramref name="path"/> (its entry, a file/folder collision) be outdated.
    /// </summary>
    public bool Touches(string path)
    {
        foreach (var other in _byPath.Keys)
        {
            if (other.Length == path.Length
                ? string.Equals(other, path, StringComparison.Ordinal)
                : IsBelow(other, path) || IsBelow(path, other))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Completes when no commit is in flight (at once when none is).</summary>
    public Task DrainAsync() => _drained.Task;

    private static bool IsBelow(string path, string ancestor) =>
        path.Length > ancestor.Length && path[ancestor.Length] == '/' && path.StartsWith(ancestor, StringComparison.Ordinal);

    private static TaskCompletionSource Drained()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        drained.SetResult();
        return drained;
    }
}
