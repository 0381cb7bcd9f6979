using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;
using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Embedded;

/// <summary>
/// The writer loop's group commit. No test waits for time: the writer is held inside a write that awaits a signal,
/// so the writes issued meanwhile are queued, deterministically, when it is released.
/// </summary>
public sealed class GroupCommitTests(TempDirectory directory) : IClassFixture<TempDirectory>
{
    [Fact]
    public async Task Concurrent_writes_share_one_transaction()
    {
        await using var database = await OpenAsync();
        var store = new SqliteUserStore(database);
        var users = await CreateUsersAsync(store, 10);
        var commitsBefore = database.CommitCount;

        var held = await HoldWriterAsync(database);
        var commits = users.Select(user => store.CommitAsync(Put(user, "/pub/a"))).ToList();
        held.Release();
        await held.Write;
        var events = await Task.WhenAll(commits);

        Assert.Equal(1, database.CommitCount - commitsBefore);
        Assert.Equal(Enumerable.Range(0, 10).Select(index => events[0].Event.Id + index), events.Select(committed => committed.Event.Id));
    }

    [Fact]
    public async Task A_transaction_holds_at_most_the_bound_of_writes()
    {
        await using var database = await OpenAsync(maxWritesPerCommit: 4);
        var store = new SqliteUserStore(database);
        var users = await CreateUsersAsync(store, 9);
        var commitsBefore = database.CommitCount;

        var held = await HoldWriterAsync(database);
        var commits = users.Select(user => store.CommitAsync(Put(user, "/pub/a"))).ToList();
        held.Release();
        await held.Write;
        await Task.WhenAll(commits);

        // The held write and three more, then four, then the last two.
        Assert.Equal(3, database.CommitCount - commitsBefore);
    }

    [Fact]
    public async Task A_lone_write_is_committed_without_waiting_for_others()
    {
        await using var database = await OpenAsync();
        var store = new SqliteUserStore(database);
        var commitsBefore = database.CommitCount;

        await CreateUserAsync(store);

        Assert.Equal(1, database.CommitCount - commitsBefore);
    }

    [Fact]
    public async Task A_failing_write_in_a_group_fails_only_its_caller()
    {
        await using var database = await OpenAsync();
        var store = new SqliteUserStore(database);
        var users = await CreateUsersAsync(store, 2);
        var commitsBefore = database.CommitCount;

        var held = await HoldWriterAsync(database);
        var first = store.CommitAsync(Put(users[0], "/pub/a"));
        var failing = database.WriteAsync<bool>(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection, "UPDATE users SET file_count = 1000 WHERE user_key = $user", transaction);
                command.Parameters.Bind("$user", users[1]);
                await command.ExecuteNonQueryAsync(token);
                throw new InvalidDataException("refused by the write itself");
            },
            CancellationToken.None);
        var second = store.CommitAsync(Put(users[1], "/pub/b"));
        held.Release();
        await held.Write;

        var refusal = await Assert.ThrowsAsync<InvalidDataException>(() => failing);
        Assert.Equal("refused by the write itself", refusal.Message);
        await Task.WhenAll(first, second);
        Assert.Equal(1, database.CommitCount - commitsBefore);
        Assert.NotNull(await store.GetEntryAsync(users[0], "/pub/a"));
        Assert.NotNull(await store.GetEntryAsync(users[1], "/pub/b"));
        Assert.Equal(1, (await store.GetUserAsync(users[1]))!.FileCount);
    }

    [Fact]
    public async Task Event_ids_stay_gapless_after_a_failed_write_in_a_group()
    {
        await using var database = await OpenAsync();
        var store = new SqliteUserStore(database);
        var users = await CreateUsersAsync(store, 3);

        var held = await HoldWriterAsync(database);
        var before = store.CommitAsync(Put(users[0], "/pub/a"));
        var failing = database.WriteAsync<bool>(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection,
                    "INSERT INTO events (user_key, kind, path, content_hash, created_at) VALUES ($user, 'DEL', '/pub/x', NULL, 1)",
                    transaction);
                command.Parameters.Bind("$user", users[1]);
                await command.ExecuteNonQueryAsync(token);
                throw new InvalidDataException("refused after appending an event");
            },
            CancellationToken.None);
        var conflicting = store.CommitAsync(Put(users[1], "/pub/b") with { ExpectedBlobId = NewBlobId(users[1]) });
        var after = store.CommitAsync(Put(users[2], "/pub/c"));
        held.Release();
        await held.Write;

        await Assert.ThrowsAsync<InvalidDataException>(() => failing);
        await Assert.ThrowsAsync<StoreConflictException>(() => conflicting);
        Assert.Equal((await before).Event.Id + 1, (await after).Event.Id);
        var next = await store.CommitAsync(Put(users[0], "/pub/d"));
        Assert.Equal((await after).Event.Id + 1, next.Event.Id);
        var feed = await store.ReadFeedAsync((await before).Event.Id - 1, 10, "");
        Assert.Equal([(await before).Event.Id, (await after).Event.Id, next.Event.Id], feed.Select(committed => committed.Id));
    }

    [Fact]
    public async Task A_cancelled_queued_write_never_runs()
    {
        await using var database = await OpenAsync();
        var ran = false;

        var held = await HoldWriterAsync(database);
        using var cancellation = new CancellationTokenSource();
        var cancelled = database.WriteAsync(
            (_, _, _) =>
            {
                ran = true;
                return Task.FromResult(true);
            },
            cancellation.Token);
        await cancellation.CancelAsync();
        held.Release();
        await held.Write;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await database.WriteAsync((_, _, _) => Task.FromResult(true), CancellationToken.None);
        Assert.False(ran);
    }

    [Fact]
    public async Task A_started_write_runs_to_the_end_when_its_caller_cancels()
    {
        await using var database = await OpenAsync();
        var store = new SqliteUserStore(database);
        var user = (await CreateUsersAsync(store, 1))[0];
        using var cancellation = new CancellationTokenSource();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var write = database.WriteAsync(
            async (connection, transaction, token) =>
            {
                entered.SetResult();
                await release.Task;
                using var command = database.Command(
                    connection, "UPDATE users SET file_count = 7 WHERE user_key = $user", transaction);
                command.Parameters.Bind("$user", user);
                return (await command.ExecuteNonQueryAsync(token), token.CanBeCanceled);
            },
            cancellation.Token);
        await entered.Task;
        await cancellation.CancelAsync();
        release.SetResult();

        Assert.Equal((1, false), await write);
        Assert.Equal(7, (await store.GetUserAsync(user))!.FileCount);
    }

    [Fact]
    public async Task A_write_that_loses_the_transaction_fails_its_group_and_the_next_group_commits()
    {
        await using var database = await OpenAsync();
        var store = new SqliteUserStore(database);
        var users = await CreateUsersAsync(store, 2);

        var held = await HoldWriterAsync(database);
        var grouped = store.CommitAsync(Put(users[0], "/pub/a"));
        var rogue = database.WriteAsync<bool>(
            async (connection, transaction, token) =>
            {
                // What SQLite does on its own after some I/O errors: the whole transaction is gone.
                using var command = database.Command(connection, "ROLLBACK", transaction);
                await command.ExecuteNonQueryAsync(token);
                throw new InvalidDataException("the transaction was rolled back");
            },
            CancellationToken.None);
        held.Release();

        await Assert.ThrowsAsync<InvalidDataException>(() => held.Write);
        await Assert.ThrowsAsync<InvalidDataException>(() => grouped);
        await Assert.ThrowsAsync<InvalidDataException>(() => rogue);
        Assert.Null(await store.GetEntryAsync(users[0], "/pub/a"));
        await store.CommitAsync(Put(users[1], "/pub/b"));
        Assert.NotNull(await store.GetEntryAsync(users[1], "/pub/b"));
    }

    [Fact]
    public async Task Grouped_writes_survive_reopening_the_database()
    {
        var name = NewName();
        var users = new List<string>();
        await using (var database = await OpenAsync(name))
        {
            var store = new SqliteUserStore(database);
            users.AddRange(await CreateUsersAsync(store, 20));
            await Task.WhenAll(users.Select(user => store.CommitAsync(Put(user, "/pub/a"))));
        }

        await using var reopened = await OpenAsync(name);
        var again = new SqliteUserStore(reopened);
        foreach (var user in users)
        {
            Assert.NotNull(await again.GetEntryAsync(user, "/pub/a"));
            Assert.Equal(1, (await again.GetUserAsync(user))!.FileCount);
        }
    }

    [Fact]
    public async Task Disposing_commits_the_queued_writes_and_refuses_later_ones()
    {
        var name = NewName();
        var database = await OpenAsync(name);
        var store = new SqliteUserStore(database);
        var users = await CreateUsersAsync(store, 3);

        var held = await HoldWriterAsync(database);
        var commits = users.Select(user => store.CommitAsync(Put(user, "/pub/a"))).ToList();
        var disposing = database.DisposeAsync();
        var refused = store.CommitAsync(Put(users[0], "/pub/b"));
        held.Release();
        await disposing;

        await Task.WhenAll(commits);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => refused);
        await using var reopened = await OpenAsync(name);
        Assert.NotNull(await new SqliteUserStore(reopened).GetEntryAsync(users[2], "/pub/a"));
    }

    [Fact]
    public async Task A_writer_statement_reused_from_the_cache_binds_only_its_own_values()
    {
        await using var database = await OpenAsync();
        var store = new SqliteUserStore(database);
        var users = await CreateUsersAsync(store, 3);

        foreach (var (user, count) in users.Select((user, index) => (user, index + 10)))
        {
            await database.WriteAsync(
                async (connection, transaction, token) =>
                {
                    using var command = database.Command(
                        connection, "UPDATE users SET file_count = $count WHERE user_key = $user", transaction);
                    command.Parameters.Bind("$count", count);
                    command.Parameters.Bind("$user", user);
                    return await command.ExecuteNonQueryAsync(token);
                },
                CancellationToken.None);
        }

        var counts = await Task.WhenAll(users.Select(async user => (await store.GetUserAsync(user))!.FileCount));
        Assert.Equal([10, 11, 12], counts);
    }

    [Fact]
    public async Task The_same_statement_twice_at_once_in_a_write_gets_two_commands()
    {
        await using var database = await OpenAsync();

        var sums = await database.WriteAsync(
            async (connection, transaction, token) =>
            {
                const string Sql = "SELECT $value + 1";
                using var outer = database.Command(connection, Sql, transaction);
                outer.Parameters.Bind("$value", 1);
                using var reader = await outer.ExecuteReaderAsync(token);
                await reader.ReadAsync(token);
                using var inner = database.Command(connection, Sql, transaction);
                inner.Parameters.Bind("$value", 10);
                return (reader.GetInt64(0), Convert.ToInt64(await inner.ExecuteScalarAsync(token)));
            },
            CancellationToken.None);

        Assert.Equal((2L, 11L), sums);
    }

    [Fact]
    public async Task Closing_releases_the_writer_and_its_prepared_statements()
    {
        var database = await OpenAsync();
        var store = new SqliteUserStore(database);
        var users = await CreateUsersAsync(store, 2);
        await Task.WhenAll(users.Select(user => store.CommitAsync(Put(user, "/pub/a"))));

        await database.DisposeAsync();

        // The last connection to close checkpoints and removes the WAL; a statement left open would keep it.
        Assert.False(File.Exists(database.FilePath + "-wal"));
    }

    private async Task<EmbeddedDatabase> OpenAsync(string? name = null, int maxWritesPerCommit = EmbeddedDatabase.DefaultMaxWritesPerCommit)
    {
        var database = new EmbeddedDatabase(directory.For(name ?? NewName()), maxWritesPerCommit);
        await database.InitializeAsync();
        return database;
    }

    private static string NewName() => Guid.NewGuid().ToString("N");

    /// <summary>Starts a write that keeps the writer loop busy until released; returns once it is running.</summary>
    private static async Task<HeldWriter> HoldWriterAsync(EmbeddedDatabase database)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = database.WriteAsync(
            async (_, _, _) =>
            {
                entered.SetResult();
                await release.Task;
                return true;
            },
            CancellationToken.None);
        await entered.Task;
        return new HeldWriter(write, release);
    }

    private static async Task<List<string>> CreateUsersAsync(IUserStore store, int count)
    {
        var users = new List<string>();
        for (var index = 0; index < count; index++)
        {
            users.Add((await CreateUserAsync(store)).User);
        }

        return users;
    }

    private static EntryChange Put(string user, string path)
    {
        var at = TestClock.Next();
        return new EntryChange(
            user, P(path), null, new EntryRecord(NewBlobId(user), HashOf(path, 1), 1, "text/plain", at, at), 1 + Overhead, 1, at);
    }

    private sealed record HeldWriter(Task<bool> Write, TaskCompletionSource Gate)
    {
        public void Release() => Gate.SetResult();
    }
}
