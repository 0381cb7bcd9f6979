using Microsoft.Data.Sqlite;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;
using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Embedded;

/// <summary>Behaviour particular to the SQLite adapter, beyond the shared contracts.</summary>
public sealed class SqliteEmbeddedDatabaseTests(TempDirectory directory) : IClassFixture<TempDirectory>, IAsyncLifetime
{
    private readonly EmbeddedDatabase _database = new(directory.For(Guid.NewGuid().ToString("N")));

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_database_runs_in_wal_mode()
    {
        await using var connection = new SqliteConnection($"Data Source={_database.FilePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Initializing_an_existing_database_again_keeps_its_data()
    {
        var store = new SqliteUserStore(_database);
        var user = await SeedAsync(store, "/pub/a");
        await _database.DisposeAsync();

        await using var again = new EmbeddedDatabase(Path.GetDirectoryName(_database.FilePath)!);
        await again.InitializeAsync();

        Assert.NotNull(await new SqliteUserStore(again).GetEntryAsync(user, "/pub/a"));
    }

    [Fact]
    public async Task A_database_from_before_rate_overrides_is_migrated_and_keeps_its_users()
    {
        var folder = directory.For(Guid.NewGuid().ToString("N"));
        await using var migrated = new EmbeddedDatabase(folder);
        Directory.CreateDirectory(Path.GetDirectoryName(migrated.FilePath)!);
        await using (var old = new SqliteConnection($"Data Source={migrated.FilePath};Pooling=False"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE users (user_key TEXT NOT NULL PRIMARY KEY, created_at INTEGER NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
                    quota_mb INTEGER NULL, quota_unlimited INTEGER NOT NULL DEFAULT 0, allowed_write_paths TEXT NULL,
                    used_bytes INTEGER NOT NULL DEFAULT 0, file_count INTEGER NOT NULL DEFAULT 0, last_write INTEGER NULL) WITHOUT ROWID;
                CREATE TABLE signup_tokens (token TEXT NOT NULL PRIMARY KEY, created_at INTEGER NOT NULL, quota_mb INTEGER NULL,
                    quota_unlimited INTEGER NOT NULL DEFAULT 0, allowed_write_paths TEXT NULL, used_by TEXT NULL, used_at INTEGER NULL) WITHOUT ROWID;
                INSERT INTO users (user_key, created_at, quota_mb) VALUES ('old-user', 0, 3);
                """;
            await command.ExecuteNonQueryAsync();
        }

        await migrated.InitializeAsync();
        var store = new SqliteUserStore(migrated);
        var read = (await store.GetUserAsync("old-user"))!;
        await store.UpdateUserSettingsAsync("old-user", false, read.Quota with { RateWrite = "1kb/s" });

        Assert.Equal(3, read.Quota.StorageQuotaMb);
        Assert.Null(read.Quota.RateRead);
        Assert.Equal("1kb/s", (await store.GetUserAsync("old-user"))!.Quota.RateWrite);
    }

    [Fact]
    public async Task Events_committed_in_the_same_microsecond_get_distinct_times()
    {
        var store = new SqliteUserStore(_database);
        var user = (await CreateUserAsync(store)).User;
        var at = TestClock.Next();
        var first = (await store.CommitAsync(Put(user, "/pub/a", at))).Event;
        var second = (await store.CommitAsync(Put(user, "/pub/b", at))).Event;

        Assert.Equal((ulong)TestClock.SinceEpochMicros(at), first.CreatedAtMicros);
        Assert.Equal(first.CreatedAtMicros + 1, second.CreatedAtMicros);
        Assert.Equal(second.Id, await store.FindEventIdAtAsync(second.CreatedAtMicros));
    }

    [Fact]
    public async Task Event_times_never_go_backwards_when_the_clock_does()
    {
        var store = new SqliteUserStore(_database);
        var user = (await CreateUserAsync(store)).User;
        var late = TestClock.Next();
        var first = (await store.CommitAsync(Put(user, "/pub/a", late))).Event;

        var second = (await store.CommitAsync(Put(user, "/pub/b", late.AddSeconds(-5)))).Event;

        Assert.True(second.CreatedAtMicros > first.CreatedAtMicros);
    }

    [Fact]
    public async Task A_new_user_with_usage_is_refused()
    {
        var store = new SqliteUserStore(_database);

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryCreateUserAsync(
            new UserRecord(NewUser(), TestClock.Next(), false, QuotaRecord.Default, 10, 1, null)));
    }

    [Fact]
    public async Task A_closed_database_refuses_reads()
    {
        var store = new SqliteUserStore(_database);
        await _database.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetUserAsync(NewUser()));
    }

    private static EntryChange Put(string user, string path, DateTimeOffset at) =>
        new(user, P(path), null, new EntryRecord(NewBlobId(user), HashOf(path, 1), 1, "text/plain", at, at), 1 + Overhead, 1, at);
}
