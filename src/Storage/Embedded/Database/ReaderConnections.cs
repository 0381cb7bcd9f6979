using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace PubkyCluster.Storage.Embedded.Database;

/// <summary>
/// Read connections kept open between reads, each with its prepared statements (<see cref="StatementCache"/>): a read
/// rents an idle one, or opens one when none is idle, and gives it back. At most <see cref="Capacity"/> idle ones are
/// kept; one more is closed. A read that threw closes its connection rather than keep one in a state nobody checked.
/// </summary>
internal sealed class ReaderConnections(string connectionString)
{
    /// <summary>Reads run on the thread pool, so about two per core are in flight at once.</summary>
    internal static readonly int Capacity = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private readonly ConditionalWeakTable<SqliteConnection, StatementCache> _statements = [];
    private int _idleCount;
    private long _opened;
    private volatile bool _closed;

    /// <summary>How many connections were opened; fewer than the reads once connections are reused.</summary>
    internal long Opened => Interlocked.Read(ref _opened);

    /// <summary>The prepared statements of a connection this set opened; null for any other connection.</summary>
    public StatementCache? StatementsOf(SqliteConnection connection) =>
        _statements.TryGetValue(connection, out var statements) ? statements : null;

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken);
        T result;
        try
        {
            result = await read(connection, cancellationToken);
        }
        catch
        {
            Close(connection);
            throw;
        }

        Return(connection);
        return result;
    }

    /// <summary>Closes the idle connections; those still lent are closed when given back.</summary>
    public void Close()
    {
        _closed = true;
        while (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            Close(connection);
        }
    }

    private async Task<SqliteConnection> RentAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        Interlocked.Increment(ref _opened);
        _statements.Add(connection, new StatementCache(connection));
        return connection;
    }

    private void Return(SqliteConnection connection)
    {
        if (_closed)
        {
            Close(connection);
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > Capacity)
        {
            Interlocked.Decrement(ref _idleCount);
            Close(connection);
            return;
        }

        _idle.Add(connection);
        if (_closed)
        {
            // Close drained the idle ones between the check above and the add: drain what it missed.
            Close();
        }
    }

    /// <summary>Statements first: a connection cannot close while statements of it are prepared.</summary>
    private void Close(SqliteConnection connection)
    {
        if (_statements.TryGetValue(connection, out var statements))
        {
            statements.Clear();
            _statements.Remove(connection);
        }

        connection.Dispose();
    }
}
