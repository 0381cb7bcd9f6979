using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Contracts;

/// <summary>What every <see cref="IUserStore"/> must do: users, the entry index, commits and their accounting.</summary>
public abstract partial class UserStoreContract : StoreContract<IUserStore>
{
    [Fact]
    public async Task Creating_a_user_twice_returns_false_the_second_time()
    {
        var store = await OpenFreshAsync();
        var record = new UserRecord(NewUser(), TestClock.Next(), false, QuotaRecord.Default, 0, 0, null);

        Assert.True(await store.TryCreateUserAsync(record));
        Assert.False(await store.TryCreateUserAsync(record with { Disabled = true }));
        Assert.False((await store.GetUserAsync(record.User))!.Disabled);
    }

    [Fact]
    public async Task A_created_user_reads_back_with_its_quota()
    {
        var store = await OpenFreshAsync();
        var quota = new QuotaRecord(5, false, ["/pub/app/", "/pub/other"]);
        var record = new UserRecord(NewUser(), TestClock.Next(), true, quota, 0, 0, null);
        await store.TryCreateUserAsync(record);

        var read = await store.GetUserAsync(record.User);

        Assert.NotNull(read);
        Assert.Equal(record.CreatedAt, read.CreatedAt);
        Assert.True(read.Disabled);
        Assert.Equal(5, read.Quota.StorageQuotaMb);
        Assert.Equal(["/pub/app/", "/pub/other"], read.Quota.AllowedWritePaths);
        Assert.Equal(0, read.UsedBytes);
        Assert.Null(read.LastWrite);
    }

    [Fact]
    public async Task A_created_user_reads_back_with_its_rate_overrides()
    {
        var store = await OpenFreshAsync();
        var record = new UserRecord(NewUser(), TestClock.Next(), false, QuotaRecord.Default with { RateRead = "10mb/s", RateWrite = "unlimited" }, 0, 0, null);
        await store.TryCreateUserAsync(record);

        var read = (await store.GetUserAsync(record.User))!;

        Assert.Equal("10mb/s", read.Quota.RateRead);
        Assert.Equal("unlimited", read.Quota.RateWrite);
    }

    [Fact]
    public async Task Updating_settings_sets_and_clears_rate_overrides()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        await store.UpdateUserSettingsAsync(user, false, QuotaRecord.Default with { RateRead = "1kb/s", RateWrite = "2mb/m" });
        Assert.Equal("2mb/m", (await store.GetUserAsync(user))!.Quota.RateWrite);

        await store.UpdateUserSettingsAsync(user, false, QuotaRecord.Default with { RateRead = "1kb/s" });

        var read = (await store.GetUserAsync(user))!;
        Assert.Equal("1kb/s", read.Quota.RateRead);
        Assert.Null(read.Quota.RateWrite);
    }

    [Fact]
    public async Task An_unknown_user_reads_as_null()
    {
        var store = await OpenFreshAsync();

        Assert.Null(await store.GetUserAsync(NewUser()));
    }

    [Fact]
    public async Task Updating_settings_changes_disabled_and_quota()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;

        Assert.True(await store.UpdateUserSettingsAsync(user, true, new QuotaRecord(null, true, [])));

        var read = (await store.GetUserAsync(user))!;
        Assert.True(read.Disabled);
        Assert.True(read.Quota.Unlimited);
        Assert.Null(read.Quota.StorageQuotaMb);
        Assert.Empty(read.Quota.AllowedWritePaths!);
    }

    [Fact]
    public async Task Updating_settings_of_an_unknown_user_returns_false()
    {
        var store = await OpenFreshAsync();

        Assert.False(await store.UpdateUserSettingsAsync(NewUser(), true, QuotaRecord.Default));
    }

    [Fact]
    public async Task Disabled_users_are_listed_and_others_are_not()
    {
        var store = await OpenFreshAsync();
        var enabled = (await CreateUserAsync(store)).User;
        var disabled = (await CreateUserAsync(store)).User;
        await store.UpdateUserSettingsAsync(disabled, true, QuotaRecord.Default);

        var listed = await store.ListDisabledUsersAsync();

        Assert.Equal([disabled], listed);
        Assert.DoesNotContain(enabled, listed);
    }

    [Fact]
    public async Task Users_are_listed_page_by_page_in_key_order_disabled_ones_included()
    {
        var store = await OpenFreshAsync();
        var users = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            users.Add((await CreateUserAsync(store)).User);
        }
        await store.UpdateUserSettingsAsync(users[2], true, QuotaRecord.Default);

        var first = await store.ListUsersAsync(null, 2);
        var second = await store.ListUsersAsync(first[^1], 2);
        var third = await store.ListUsersAsync(second[^1], 2);
        var past = await store.ListUsersAsync(third[^1], 2);

        Assert.Equal(users.Order(StringComparer.Ordinal), [.. first, .. second, .. third]);
        Assert.Single(third);
        Assert.Empty(past);
    }

    [Fact]
    public async Task Totals_count_users_disabled_users_and_used_bytes()
    {
        var store = await OpenFreshAsync();
        var first = (await CreateUserAsync(store)).User;
        var second = (await CreateUserAsync(store)).User;
        await store.UpdateUserSettingsAsync(second, true, QuotaRecord.Default);
        await PutAsync(store, first, "/pub/a", 100);
        await PutAsync(store, second, "/pub/b", 50);

        var totals = await store.GetTotalsAsync();

        Assert.Equal(new StoreTotals(2, 1, 100 + 50 + (2 * Overhead)), totals);
    }

    [Fact]
    public async Task A_committed_put_reads_back_as_the_entry()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        var at = TestClock.Next();
        var entry = new EntryRecord(NewBlobId(user), HashOf("/pub/a.txt", 3), 3, "text/plain", at, at);

        await store.CommitAsync(new EntryChange(user, P("/pub/a.txt"), null, entry, 3 + Overhead, 1, at));

        var read = await store.GetEntryAsync(user, "/pub/a.txt");
        Assert.NotNull(read);
        Assert.Equal(entry.BlobId, read.BlobId);
        Assert.Equal(entry.ContentHash, read.ContentHash);
        Assert.Equal(entry with { ContentHash = read.ContentHash }, read);
    }

    [Fact]
    public async Task A_put_adds_length_plus_overhead_and_one_file()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;

        await PutAsync(store, user, "/pub/a.txt", 40);

        var read = (await store.GetUserAsync(user))!;
        Assert.Equal(40 + Overhead, read.UsedBytes);
        Assert.Equal(1, read.FileCount);
        Assert.NotNull(read.LastWrite);
    }

    [Fact]
    public async Task An_overwrite_changes_the_blob_id_and_moves_used_bytes_by_the_delta()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        await PutAsync(store, user, "/pub/a.txt", 100);
        var before = (await store.GetEntryAsync(user, "/pub/a.txt"))!;

        await PutAsync(store, user, "/pub/a.txt", 30);

        var after = (await store.GetEntryAsync(user, "/pub/a.txt"))!;
        var record = (await store.GetUserAsync(user))!;
        Assert.NotEqual(before.BlobId, after.BlobId);
        Assert.Equal(30, after.ContentLength);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(30 + Overhead, record.UsedBytes);
        Assert.Equal(1, record.FileCount);
    }

    [Fact]
    public async Task A_delete_removes_the_entry_and_subtracts_its_usage()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        await PutAsync(store, user, "/pub/keep", 7);
        await PutAsync(store, user, "/pub/gone", 100);

        await DeleteAsync(store, user, "/pub/gone");

        var record = (await store.GetUserAsync(user))!;
        Assert.Null(await store.GetEntryAsync(user, "/pub/gone"));
        Assert.Equal(7 + Overhead, record.UsedBytes);
        Assert.Equal(1, record.FileCount);
    }

    [Fact]
    public async Task A_commit_with_a_stale_expected_blob_id_throws_and_changes_nothing()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        await PutAsync(store, user, "/pub/a.txt", 10);
        var current = (await store.GetEntryAsync(user, "/pub/a.txt"))!;
        var usage = (await store.GetUserAsync(user))!;
        var at = TestClock.Next();
        var replacement = current with { BlobId = NewBlobId(user), ContentLength = 99, ModifiedAt = at };

        await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(
            new EntryChange(user, P("/pub/a.txt"), NewBlobId(user), replacement, 89, 0, at)));

        Assert.Equal(current.BlobId, (await store.GetEntryAsync(user, "/pub/a.txt"))!.BlobId);
        Assert.Equal(usage, await store.GetUserAsync(user));
    }

    [Fact]
    public async Task A_commit_expecting_no_entry_where_one_exists_throws()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        await PutAsync(store, user, "/pub/a.txt", 10);
        var at = TestClock.Next();
        var entry = new EntryRecord(NewBlobId(user), HashOf("/pub/a.txt", 1), 1, "text/plain", at, at);

        await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(
            new EntryChange(user, P("/pub/a.txt"), null, entry, 1 + Overhead, 1, at)));

        Assert.Equal(10 + Overhead, (await store.GetUserAsync(user))!.UsedBytes);
    }

    [Fact]
    public async Task A_commit_for_an_unknown_user_throws_and_stores_no_entry()
    {
        var store = await OpenFreshAsync();
        var user = NewUser();
        var at = TestClock.Next();
        var entry = new EntryRecord(NewBlobId(user), HashOf("/pub/a.txt", 1), 1, "text/plain", at, at);

        await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(
            new EntryChange(user, P("/pub/a.txt"), null, entry, 1 + Overhead, 1, at)));

        Assert.Null(await store.GetEntryAsync(user, "/pub/a.txt"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Used_bytes_always_equal_the_sum_of_length_plus_overhead_over_the_entries(int seed)
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        var random = new Random(seed);
        var model = new Dictionary<string, long>();
        string[] paths = [.. Enumerable.Range(0, 12).Select(i => $"/pub/dir{i % 3}/file{i}")];

        for (var step = 0; step < 120; step++)
        {
            var path = paths[random.Next(paths.Length)];
            if (model.ContainsKey(path) && random.Next(3) == 0)
            {
                await DeleteAsync(store, user, path);
                model.Remove(path);
            }
            else
            {
                long length = random.Next(0, 5000);
                await PutAsync(store, user, path, length);
                model[path] = length;
            }

            var record = (await store.GetUserAsync(user))!;
            Assert.Equal(model.Values.Sum(length => length + Overhead), record.UsedBytes);
            Assert.Equal(model.Count, record.FileCount);
        }
    }

    [Fact]
    public async Task Commits_each_passing_the_version_of_the_last_receipt_succeed()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;

        var created = await CommitPutAsync(store, user, "/pub/a", (await store.GetUserAsync(user))!.Version, 10);
        var overwritten = await CommitPutAsync(store, user, "/pub/a", created.Version, 20);
        var added = await CommitPutAsync(store, user, "/pub/b", overwritten.Version, 5);

        Assert.True(created.Event.Id < overwritten.Event.Id && overwritten.Event.Id < added.Event.Id);
        Assert.Equal(20, (await store.GetEntryAsync(user, "/pub/a"))!.ContentLength);
        var record = (await store.GetUserAsync(user))!;
        Assert.Equal(20 + 5 + (2 * Overhead), record.UsedBytes);
        Assert.Equal(2, record.FileCount);
    }

    /// <summary>
    /// A store that keeps no versions (GetUserAsync returns none: the embedded one serialises writers in its database
    /// and always checks the expected blob id) has no version to be stale, so the assertions apply to stores that keep them.
    /// </summary>
    [Fact]
    public async Task A_commit_with_a_version_older_than_a_later_commit_is_refused_and_changes_nothing()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        var stale = (await store.GetUserAsync(user))!.Version;
        if (stale is null)
        {
            return;
        }

        await CommitPutAsync(store, user, "/pub/a", stale);
        var before = await store.GetUserAsync(user);

        await Assert.ThrowsAsync<StoreConflictException>(() => CommitPutAsync(store, user, "/pub/b", stale));

        Assert.Null(await store.GetEntryAsync(user, "/pub/b"));
        Assert.Equal(before, await store.GetUserAsync(user));
    }

    /// <summary>Applies to stores that keep versions, as above.</summary>
    [Fact]
    public async Task A_commit_with_a_version_older_than_a_settings_update_is_refused_and_changes_nothing()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        var stale = (await store.GetUserAsync(user))!.Version;
        if (stale is null)
        {
            return;
        }

        Assert.True(await store.UpdateUserSettingsAsync(user, false, new QuotaRecord(7, false, null)));
        var before = await store.GetUserAsync(user);

        await Assert.ThrowsAsync<StoreConflictException>(() => CommitPutAsync(store, user, "/pub/a", stale));

        Assert.Null(await store.GetEntryAsync(user, "/pub/a"));
        Assert.Equal(before, await store.GetUserAsync(user));
    }

    [Fact]
    public async Task A_commit_without_a_version_succeeds_after_commits_and_settings_updates_moved_the_user()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        await CommitPutAsync(store, user, "/pub/a", (await store.GetUserAsync(user))!.Version);
        Assert.True(await store.UpdateUserSettingsAsync(user, false, new QuotaRecord(7, false, null)));

        var receipt = await CommitPutAsync(store, user, "/pub/b", version: null);
        await CommitPutAsync(store, user, "/pub/c", receipt.Version);

        var record = (await store.GetUserAsync(user))!;
        Assert.Equal(3, record.FileCount);
        Assert.Equal(7, record.Quota.StorageQuotaMb);
    }

    [Fact]
    public async Task The_current_blob_is_referenced_and_an_overwritten_one_is_not()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        var first = NewBlobId(user);
        var second = NewBlobId(user);
        await PutAsync(store, user, "/pub/a", 1, first);
        Assert.True(await store.IsBlobReferencedAsync(first));

        await PutAsync(store, user, "/pub/a", 1, second);

        Assert.False(await store.IsBlobReferencedAsync(first));
        Assert.True(await store.IsBlobReferencedAsync(second));
    }

    [Fact]
    public async Task Entries_of_one_user_are_invisible_to_another()
    {
        var store = await OpenFreshAsync();
        var owner = await SeedAsync(store, "/pub/a.txt");
        var other = (await CreateUserAsync(store)).User;

        Assert.Null(await store.GetEntryAsync(other, "/pub/a.txt"));
        Assert.NotNull(await store.GetEntryAsync(owner, "/pub/a.txt"));
    }

    [Theory]
    [InlineData("/pub/a/b/c", "/pub/a")]
    [InlineData("/pub/a/b/c", "/pub/a/b")]
    public async Task Writing_below_an_existing_file_collides(string path, string existingFile)
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, existingFile);

        Assert.True(await store.HasPathCollisionAsync(user, path));
    }

    [Theory]
    [InlineData("/pub/a", "/pub/a/b")]
    [InlineData("/pub/a", "/pub/a/b/c/d.txt")]
    public async Task Writing_a_file_where_entries_lie_below_collides(string path, string existingFile)
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, existingFile);

        Assert.True(await store.HasPathCollisionAsync(user, path));
    }

    [Theory]
    [InlineData("/pub/a", "/pub/ab")]
    [InlineData("/pub/ab", "/pub/a")]
    [InlineData("/pub/a/x", "/pub/a-b/x")]
    [InlineData("/pub/a.txt", "/pub/a.txt")]
    public async Task Siblings_and_the_same_path_do_not_collide(string path, string existingFile)
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, existingFile);

        Assert.False(await store.HasPathCollisionAsync(user, path));
    }

    [Fact]
    public async Task Inspecting_a_write_returns_the_entry_now_at_the_path()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, "/pub/a.txt");

        var target = await store.InspectWriteAsync(user, P("/pub/a.txt"));

        Assert.False(target.Collides);
        Assert.Equal((await store.GetEntryAsync(user, "/pub/a.txt"))!.BlobId, target.Current?.BlobId);
        Assert.Null((await store.InspectWriteAsync(user, P("/pub/b.txt"))).Current);
    }

    [Fact]
    public async Task Another_users_entries_do_not_collide()
    {
        var store = await OpenFreshAsync();
        await SeedAsync(store, "/pub/a");
        var other = (await CreateUserAsync(store)).User;

        Assert.False(await store.HasPathCollisionAsync(other, "/pub/a/b"));
    }

    [Fact]
    public async Task Entries_under_a_directory_are_detected_only_there()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, "/pub/my_folder/a.txt");

        Assert.True(await store.HasEntriesUnderAsync(user, "/pub/"));
        Assert.True(await store.HasEntriesUnderAsync(user, "/pub/my_folder/"));
        Assert.False(await store.HasEntriesUnderAsync(user, "/pub/myXfolder/"));
        Assert.False(await store.HasEntriesUnderAsync(user, "/priv/"));
    }

    [Fact]
    public async Task Data_survives_closing_and_reopening_the_store()
    {
        var name = NewName();
        var store = await OpenNamedAsync(name);
        var user = await SeedAsync(store, "/pub/a.txt");
        await CloseAllAsync();

        var reopened = await OpenNamedAsync(name);

        Assert.NotNull(await reopened.GetEntryAsync(user, "/pub/a.txt"));
        Assert.Equal(1 + Overhead, (await reopened.GetUserAsync(user))!.UsedBytes);
    }
}
