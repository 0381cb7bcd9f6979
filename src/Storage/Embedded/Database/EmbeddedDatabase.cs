using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SQLitePCL;

namespace PubkyCluster.Storage.Embedded.Database;

/// <summary>
/// The one SQLite file behind every embedded store. All writes go through a single connection, one group of writes
/// at a time: SQLite has one writer anyway, and serialising here makes event ids increase in commit order without
/// gaps. The writes that queue up while a group commits form the next group (group commit): each runs in a savepoint
/// of one transaction, and one durable commit, so one fsync, serves them all. Nothing waits for a timer: a write that
/// finds the writer idle starts a group on the thread pool at once, so a lone write costs one thread hop more than it
/// would without grouping, and its caller is free to queue the next write meanwhile.
/// Reads use connections of their own, kept open with their prepared statements (<see cref="ReaderConnections"/>), and
/// see the last committed state (WAL).
/// </summary>
public sealed partial class EmbeddedDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The database file's name inside the data directory.</summary>
    public const string FileName = "pubky.db";

    /// <summary>At most this many writes share a transaction, so the last one's wait and the transaction stay small.</summary>
    internal const int DefaultMaxWritesPerCommit = 64;

    private const int BusyTimeoutMilliseconds = 30_000;

    private const string SavepointSql = "SAVEPOINT write";
    private const string ReleaseSql = "RELEASE write";
    private const string RollbackToSql = "ROLLBACK TO write";

    private readonly string _connectionString;
    private readonly int _maxWritesPerCommit;
    private readonly Lock _queueLock = new();
    private readonly Queue<PendingWrite> _queue = new();

    /// <summary>Completed once closing has begun and no group is running or queued.</summary>
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The started writes of the transaction being built; touched only by whoever is writing.</summary>
    private readonly List<PendingWrite> _group = [];
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private readonly ILogger _logger;
    private volatile SqliteConnection? _writer;
    private readonly ReaderConnections _readers;
    private StatementCache? _statements;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Whether a caller or the thread pool is committing groups; under the queue lock.</summary>
    private bool _writing;

    /// <summary>No write is accepted any more; under the queue lock.</summary>
    private bool _closing;
    private long _commandCount;
    private long _commitCount;

    /// <summary>Uses (and creates when missing) <paramref name="dataDirectory"/>; nothing is opened before first use.</summary>
    public EmbeddedDatabase(string dataDirectory, ILogger<EmbeddedDatabase>? logger = null)
        : this(dataDirectory, DefaultMaxWritesPerCommit, logger)
    {
    }

    internal EmbeddedDatabase(string dataDirectory, int maxWritesPerCommit, ILogger<EmbeddedDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWritesPerCommit);
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        _readers = new ReaderConnections(_connectionString);
        _maxWritesPerCommit = maxWritesPerCommit;
        _logger = logger ?? NullLogger<EmbeddedDatabase>.Instance;
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// How many SQL commands the stores have run, so tests can bound the cost of an operation. The transaction's own
    /// statements (BEGIN, SAVEPOINT, RELEASE, COMMIT) are not counted.
    /// </summary>
    internal long CommandCount => Interlocked.Read(ref _commandCount);

    /// <summary>How many write transactions were committed; fewer than the writes when callers were grouped.</summary>
    internal long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>Opens the writer and creates the schema; later calls return at once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (!_initialized)
        {
            await EnsureWriterAsync(cancellationToken);
        }
    }

    /// <summary>How many read connections were opened; tests check that reads reuse them.</summary>
    internal long ReaderConnectionsOpened => _readers.Opened;

    /// <summary>Runs <paramref name="read"/> on a read connection of its own.</summary>
    internal async Task<T> ReadAsync<T>(
        Func<SqliteConnection, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await _readers.ReadAsync(read, cancellationToken);
    }

    /// <summary>
    /// Queues <paramref name="write"/> to run inside a savepoint of a BEGIN IMMEDIATE transaction, possibly shared with
    /// other callers' writes. The task completes only once that transaction is committed durably (synchronous=FULL),
    /// exactly as if the write had had a transaction of its own. An exception from <paramref name="write"/> rolls back
    /// its own changes only and is this caller's alone; a failed commit fails every write of the transaction.
    /// Cancelling before the write has started removes it; once started it runs to the end, and it is handed no
    /// cancellable token: interrupting SQLite would roll back the other callers' writes.
    /// </summary>
    internal Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> write,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var pending = new PendingWrite<T>(write, cancellationToken);
        lock (_queueLock)
        {
            if (_closing)
            {
                pending.Fail(new ObjectDisposedException(nameof(EmbeddedDatabase)));
                return pending.Task;
            }

            _queue.Enqueue(pending);
            if (_writing)
            {
                return pending.Task;
            }

            _writing = true;
        }

        // Groups commit on the thread pool, not on this caller's thread, so the caller can queue its next write while
        // this one commits (the user grain does, Grains/Users/UserGrain.cs) and the two share a transaction.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(DrainAsync);
        }

        return pending.Task;
    }

    /// <summary>
    /// A command on <paramref name="connection"/>, counted in <see cref="CommandCount"/>; on the writer, a prepared one
    /// from its cache, which the caller's Dispose returns.
    /// </summary>
    internal SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        Interlocked.Increment(ref _commandCount);
        var statements = ReferenceEquals(connection, _writer) ? _statements : _readers.StatementsOf(connection);
        SqliteCommand command;
        if (statements is not null)
        {
            command = statements.Rent(sql);
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Refuses new writes, lets the queued ones commit, then closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        BeginClosing();
        await _idle.Task;
        await _openGate.WaitAsync();
        try
        {
            Close();
        }
        finally
        {
            _openGate.Release();
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        BeginClosing();
        _idle.Task.GetAwaiter().GetResult();
        _openGate.Wait();
        try
        {
            Close();
        }
        finally
        {
            _openGate.Release();
        }
    }

    private async Task DrainAsync()
    {
        do
        {
            await CommitGroupAsync();
        }
        while (!StopIfIdle());
    }

    /// <summary>Ends the writing when nothing is queued, atomically with the enqueuing callers' look at it.</summary>
    private bool StopIfIdle()
    {
        lock (_queueLock)
        {
            if (_queue.Count > 0)
            {
                return false;
            }

            _writing = false;
            if (_closing)
            {
                _idle.TrySetResult();
            }

            return true;
        }
    }

    private void BeginClosing()
    {
        lock (_queueLock)
        {
            _closing = true;
            if (!_writing)
            {
                _idle.TrySetResult();
            }
        }
    }

    private PendingWrite? Dequeue()
    {
        lock (_queueLock)
        {
            return _queue.TryDequeue(out var write) ? write : null;
        }
    }

    /// <summary>
    /// Runs the queued writes, up to the bound, in one transaction and commits it once. Writes that queue while the
    /// group is being built join it; those that queue during the commit form the next group.
    /// </summary>
    private async Task CommitGroupAsync()
    {
        SqliteConnection connection;
        try
        {
            connection = await EnsureWriterAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Without a writer nothing queued can run: fail it now, the next write tries to open again.
            LogWriterUnavailable(exception, FilePath);
            while (Dequeue() is { } write)
            {
                write.Fail(exception);
            }

            return;
        }

        Exception? failure = null;
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            while (_group.Count < _maxWritesPerCommit && Dequeue() is { } write)
            {
                if (write.TryStart())
                {
                    await RunInSavepointAsync(write, connection, transaction);
                }
            }

            if (_group.Count > 0)
            {
                await transaction.CommitAsync(CancellationToken.None);
                Interlocked.Increment(ref _commitCount);
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        foreach (var write in _group)
        {
            if (failure is null)
            {
                write.Complete();
            }
            else
            {
                write.Fail(failure);
            }
        }

        _group.Clear();
    }

    /// <summary>
    /// Runs one write in a savepoint of its own. If it throws while the transaction is still open, only its changes
    /// are rolled back and only its caller gets the exception (its rolled-back rows burn no ids: AUTOINCREMENT's
    /// counter is a row of the same transaction). If SQLite has rolled back the whole transaction (an I/O error, a
    /// full disk), the exception escapes and fails the whole group, whose changes are gone.
    /// </summary>
    private async Task RunInSavepointAsync(PendingWrite write, SqliteConnection connection, SqliteTransaction transaction)
    {
        _group.Add(write);
        ExecuteOnWriter(SavepointSql, transaction);
        try
        {
            await write.RunAsync(connection, transaction);
        }
        catch (Exception exception) when (IsInTransaction(connection))
        {
            ExecuteOnWriter(RollbackToSql, transaction);
            _group.RemoveAt(_group.Count - 1);
            write.Fail(exception);
        }

        ExecuteOnWriter(ReleaseSql, transaction);
    }

    /// <summary>The transaction's own statements, prepared once and not counted in <see cref="CommandCount"/>.</summary>
    private void ExecuteOnWriter(string sql, SqliteTransaction transaction)
    {
        using var command = _statements!.Rent(sql);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static bool IsInTransaction(SqliteConnection connection) => raw.sqlite3_get_autocommit(connection.Handle) == 0;

    private async Task<SqliteConnection> EnsureWriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is { } writer)
        {
            return writer;
        }

        await _openGate.WaitAsync(cancellationToken);
        try
        {
            return await OpenWriterAsync(cancellationToken);
        }
        finally
        {
            _openGate.Release();
        }
    }

    /// <summary>Must be called holding the open gate.</summary>
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is not null)
        {
            return _writer;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(
                connection,
                $"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};",
                cancellationToken);
            await ExecuteAsync(connection, EmbeddedSchema.Create, cancellationToken);
            await MigrateAsync(connection, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _statements = new StatementCache(connection);
        _writer = connection;
        _initialized = true;
        LogOpened(FilePath);
        return connection;
    }

    /// <summary>Applies the migrations this database has not had yet, each with its version bump in one transaction.</summary>
    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var version = Command(connection, "PRAGMA user_version");
        var applied = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        for (var next = applied; next < EmbeddedSchema.Migrations.Length; next++)
        {
            // A failure leaves the transaction open on a connection the caller then disposes, which rolls it back.
            await ExecuteAsync(connection, $"BEGIN;\n{EmbeddedSchema.Migrations[next]}\nPRAGMA user_version = {next + 1};\nCOMMIT;", cancellationToken);
        }
    }

    private async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the writer and the pooled readers, so the files are released. Once idle, holding the open gate.</summary>
    private void Close()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _statements?.Clear();
        _statements = null;
        _writer?.Dispose();
        _writer = null;
        _readers.Close();
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
        LogClosed(FilePath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened the embedded database {Path}")]
    private partial void LogOpened(string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closed the embedded database {Path}")]
    private partial void LogClosed(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot open the writer of the embedded database {Path}; the queued writes fail")]
    private partial void LogWriterUnavailable(Exception exception, string path);
}
