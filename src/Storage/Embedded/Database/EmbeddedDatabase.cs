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

    private readonly string connectionString;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly ILogger logger;
    private SqliteConnection? writer;
    private volatile bool initialized;
    private volatile bool disposed;
    private long commandCount;

    /// <summary>Uses (and creates when missing) <paramref name="dataDirectory"/>; nothing is opened before first use.</summary>
    public EmbeddedDatabase(string dataDirectory, ILogger<EmbeddedDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        this.logger = logger ?? NullLogger<EmbeddedDatabase>.Instance;
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>How many SQL commands the stores have run, so tests can bound the cost of an operation.</summary>
    internal long CommandCount => Interlocked.Read(ref commandCount);

    /// <summary>Opens the writer and creates the schema; later calls return at once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (initialized)
        {
            return;
        }

        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection of its own.</summary>
    internal async Task<T> ReadAsync<T>(
        Func<SqliteConnection, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(disposed, this);
        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection, cancellationToken).ConfigureAwait(false);
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
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await write(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>A command on <paramref name="connection"/>, counted in <see cref="CommandCount"/>.</summary>
    internal SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        Interlocked.Increment(ref commandCount);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            Close();
        }
        finally
        {
            writeGate.Release();
        }
    }

    public void Dispose()
    {
        writeGate.Wait();
        try
        {
            Close();
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Must be called holding the gate.</summary>
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (writer is not null)
        {
            return writer;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                connection,
                $"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};",
                cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, EmbeddedSchema.Create, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        writer = connection;
        initialized = true;
        LogOpened(FilePath);
        return connection;
    }

    private async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the writer and the pooled readers, so the files are released. Holding the gate.</summary>
    private void Close()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        writer?.Dispose();
        writer = null;
        using var pooled = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(pooled);
        LogClosed(FilePath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened the embedded database {Path}")]
    private partial void LogOpened(string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closed the embedded database {Path}")]
    private partial void LogClosed(string path);
}
