using Microsoft.Data.Sqlite;

namespace PubkyCluster.Storage.Embedded.Database;

public sealed partial class EmbeddedDatabase
{
    /// <summary>
    /// A write waiting for the writer. It is either cancelled while queued or started, never both: the writer skips a
    /// cancelled one, and a started one ignores its token, so the caller's answer matches what was committed.
    /// </summary>
    private abstract class PendingWrite
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Cancelled = 2;

        private int _state;
        private CancellationTokenRegistration _cancellation;

        /// <summary>Called by the writer right before running the write; false when the caller gave up first.</summary>
        public bool TryStart()
        {
            if (Interlocked.CompareExchange(ref _state, Started, Queued) != Queued)
            {
                return false;
            }

            _cancellation.Dispose();
            return true;
        }

        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        /// <summary>The transaction holding the write is durably committed.</summary>
        public abstract void Complete();

        public abstract void Fail(Exception exception);

        /// <summary>Registers last, since an already cancelled token runs the callback at once.</summary>
        protected void CancelWhenRequested(CancellationToken cancellationToken) =>
            _cancellation = cancellationToken.Register(
                static (state, token) => ((PendingWrite)state!).TryCancel(token),
                this);

        protected void ReleaseCancellation() => _cancellation.Dispose();

        protected abstract void Cancel(CancellationToken cancellationToken);

        private void TryCancel(CancellationToken cancellationToken)
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                Cancel(cancellationToken);
            }
        }
    }

    private sealed class PendingWrite<T> : PendingWrite
    {
        private readonly Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> _write;

        // The writer completes a whole group: callers' continuations must not run on it, one after the other.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public PendingWrite(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
        {
            _write = write;
            CancelWhenRequested(cancellationToken);
        }

        public Task<T> Task => _completion.Task;

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction) =>
            _result = await _write(connection, transaction, CancellationToken.None);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception exception)
        {
            ReleaseCancellation();
            _completion.TrySetException(exception);
        }

        protected override void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
    }
}
