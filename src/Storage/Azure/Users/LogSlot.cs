namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// One commit's event waiting for an id, with everyone waiting for it: a replay and a commit may publish the same
/// commit at once, and the log takes it once.
/// </summary>
internal sealed class LogSlot(PendingEvent pending)
{
    private readonly List<TaskCompletionSource<LogPosition>> _waiters = [];

    public PendingEvent Pending => pending;

    /// <summary>The publication marker's key: unique per (user, commit).</summary>
    public string MarkerKey { get; } = UserRows.MarkerKey(pending.User, pending.Commit);

    /// <summary>A new waiter; its continuations never run on the sequencer's loop.</summary>
    public Task<LogPosition> Wait()
    {
        var waiter = new TaskCompletionSource<LogPosition>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add(waiter);
        return waiter.Task;
    }

    /// <summary>Hands this slot's waiters to <paramref name="other"/>, a slot of the same commit.</summary>
    public void MergeInto(LogSlot other) => other._waiters.AddRange(_waiters);

    public void Complete(LogPosition position)
    {
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult(position);
        }
    }

    public void Fail(Exception exception)
    {
        foreach (var waiter in _waiters)
        {
            waiter.TrySetException(exception);
        }
    }
}
