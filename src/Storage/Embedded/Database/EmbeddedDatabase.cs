using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PubkyCluster.Storage.Embedded.Database;

/// <summary>
/// The one SQLite file behind every embedded store. All writes go through a single connection behind a gate:
/// SQLite has one writer anyway, and serialising here makes event ids increase in commit order without gaps.
/// Reads use pooled connections of their own and see the last committed state (WAL).
/// </summary>
public sealed partial class EmbeddedDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The database file's name inside the data directory.</summary>
    public const string FileName = "pubky.db";

    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ILogger _logger;
    private SqliteConnection? _writer;
    private volatile bool _initialized;
    private volatile bool _disposed;
    private long _commandCount;

    /// <summary>Uses (and creates when missing) <paramref name="dataDirectory"/>; nothing is opened before first use.</summary>
    public EmbeddedDatabase(string dataDirectory, ILogger<EmbeddedDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
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
        _logger = logger ?? NullLogger<EmbeddedDatabase>.Instance;
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>How many SQL commands the stores have run, so tests can bound the cost of an operation.</summary>
    internal long CommandCount => Interlocked.Read(ref _commandCount);

    /// <summary>Opens the writer and creates the schema; later calls return at once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await OpenWriterAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection of its own.</summary>
    internal async Task<T> ReadAsync<T>(
        Func<SqliteConnection, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            return await read(connection, cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> inside one BEGIN IMMEDIATE transaction on the writer and commits it durably
    /// (synchronous=FULL); an exception rolls everything back.
    /// </summary>
    internal async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> write,
        CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var connection = await OpenWriterAsync(cancellationToken);
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction)
            {
                var result = await write(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>A command on <paramref name="connection"/>, counted in <see cref="CommandCount"/>.</summary>
    internal SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        Interlocked.Increment(ref _commandCount);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            Close();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            Close();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Must be called holding the gate.</summary>
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
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _writer = connection;
        _initialized = true;
        LogOpened(FilePath);
        return connection;
    }

    private async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the writer and the pooled readers, so the files are released. Holding the gate.</summary>
    private void Close()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writer?.Dispose();
        _writer = null;
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
        LogClosed(FilePath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened the embedded database {Path}")]
    private partial void LogOpened(string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closed the embedded database {Path}")]
    private partial void LogClosed(string path);
}
