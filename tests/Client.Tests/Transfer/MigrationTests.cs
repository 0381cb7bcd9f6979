using System.Net;
using Pubky.Client.Errors;
using Pubky.Client.Events;
using Pubky.Client.Sessions;
using Pubky.Client.Tests.Support;
using Pubky.Client.Transfer;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Transfer;

public sealed class MigrationTests(TwoHomeservers servers) : IClassFixture<TwoHomeservers>, IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "pubky-migration-" + Guid.NewGuid().ToString("N") + ".json");

    private static readonly string[] Files = ["/pub/app/a.txt", "/pub/app/b/c.json", "/pub/root.txt", "/priv/app/secret.txt", "/priv/notes/1.md"];

    private async Task<PubkySession> UserOnAAsync(Keypair user)
    {
        var session = await servers.ClientOf(servers.A).SignupAsync(user);
        foreach (var path in Files)
        {
            await session.Storage.PutTextAsync(path, "body of " + path);
        }
        await session.Storage.PutTextAsync("/pub/app/deleted.txt", "gone");
        await session.Storage.DeleteAsync("/pub/app/deleted.txt");
        await servers.Pkdns().PublishHomeserverAsync(user, servers.ClientOf(servers.A).Homeserver.Key);
        return session;
    }

    private Migration NewMigration(IProgress<TransferProgress>? progress = null, bool deleteSource = false) =>
        new(servers.ClientOf(servers.A), servers.ClientOf(servers.B), servers.Pkdns(), _state) { Progress = progress, DeleteSource = deleteSource };

    private async Task<List<string>> PathsOnBAsync(Keypair user)
    {
        var session = await servers.ClientOf(servers.B).SigninAsync(user);
        var paths = new List<string>();
        foreach (var root in AccountCopy.Roots)
        {
            await foreach (var url in session.Storage.ListAllAsync(root))
            {
                paths.Add(PubkyUrl.Parse(url).Path);
            }
        }
        return [.. paths.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_migration_copies_every_public_and_private_file_and_points_the_record_at_the_target()
    {
        using var user = Keypair.Random();
        var source = await UserOnAAsync(user);

        var done = await NewMigration().RunAsync(user);

        Assert.Equal(Files.Order(StringComparer.Ordinal), await PathsOnBAsync(user));
        Assert.Equal(Files.Length, done.Copied);
        var target = await servers.ClientOf(servers.B).SigninAsync(user);
        foreach (var path in Files)
        {
            Assert.Equal((await source.Storage.StatsAsync(path))!.ContentHash, (await target.Storage.StatsAsync(path))!.ContentHash);
        }
        var resolved = await servers.Pkdns().ResolveHomeserverAsync(user.PublicKey);
        Assert.Equal(servers.ClientOf(servers.B).Homeserver.Key, resolved!.Key);
        Assert.Equal(servers.B.ClientPort, resolved.Url.Port);
    }

    [Fact]
    public async Task The_source_is_left_untouched_unless_asked_to_delete_it()
    {
        using var user = Keypair.Random();
        var source = await UserOnAAsync(user);

        await NewMigration().RunAsync(user);

        Assert.All(Files, path => Assert.True(source.Storage.ExistsAsync(path).Result));
    }

    [Fact]
    public async Task With_delete_source_the_source_keeps_no_file_after_the_switch()
    {
        using var user = Keypair.Random();
        var source = await UserOnAAsync(user);

        await NewMigration(deleteSource: true).RunAsync(user);

        Assert.Empty(await source.Storage.ListAsync("/pub/"));
        Assert.Empty(await source.Storage.ListAsync("/priv/"));
        Assert.Equal(Files.Length, (await PathsOnBAsync(user)).Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task A_migration_killed_after_some_files_resumes_and_finishes_with_nothing_lost(int killAfter)
    {
        using var user = Keypair.Random();
        await UserOnAAsync(user);
        using var kill = new CancellationTokenSource();
        var killing = NewMigration(new InlineProgress<TransferProgress>(p =>
        {
            if (p.Seen >= killAfter)
            {
                kill.Cancel();
            }
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killing.RunAsync(user, kill.Token));
        var resumed = await NewMigration().RunAsync(user);

        Assert.Equal(Files.Order(StringComparer.Ordinal), await PathsOnBAsync(user));
        Assert.True((await MigrationState.LoadAsync(_state, CancellationToken.None))!.Completed);
        Assert.True(resumed.Copied + resumed.Unchanged >= Files.Length);
    }

    [Fact]
    public async Task A_finished_migration_run_again_changes_nothing()
    {
        using var user = Keypair.Random();
        await UserOnAAsync(user);
        await NewMigration().RunAsync(user);

        var again = await NewMigration().RunAsync(user);

        Assert.Equal(0, again.Copied);
        Assert.Equal(Files.Order(StringComparer.Ordinal), await PathsOnBAsync(user));
    }

    [Fact]
    public async Task Writes_and_deletes_on_the_source_during_the_copy_reach_the_target_before_the_switch()
    {
        using var user = Keypair.Random();
        var source = await UserOnAAsync(user);
        var wrote = false;
        var migration = NewMigration(new InlineProgress<TransferProgress>(p =>
        {
            if (!wrote && p.Copied == 1)
            {
                wrote = true;
                source.Storage.PutTextAsync("/pub/late.txt", "written during the copy").Wait();
                source.Storage.PutTextAsync("/pub/app/a.txt", "overwritten during the copy").Wait();
                source.Storage.DeleteAsync("/pub/root.txt").Wait();
            }
        }));

        await migration.RunAsync(user);

        var target = await servers.ClientOf(servers.B).SigninAsync(user);
        Assert.Equal("written during the copy", await target.Storage.GetTextAsync("/pub/late.txt"));
        Assert.Equal("overwritten during the copy", await target.Storage.GetTextAsync("/pub/app/a.txt"));
        Assert.False(await target.Storage.ExistsAsync("/pub/root.txt"));
    }

    [Fact]
    public async Task A_state_file_of_another_user_is_refused()
    {
        using var first = Keypair.Random();
        using var second = Keypair.Random();
        await UserOnAAsync(first);
        await UserOnAAsync(second);
        await NewMigration().RunAsync(first);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => NewMigration().RunAsync(second));

        Assert.Contains(first.PublicKey.Z32, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_an_account_on_the_source_cannot_migrate()
    {
        using var user = Keypair.Random();

        var refusal = await Assert.ThrowsAsync<PubkyRequestException>(() => NewMigration().RunAsync(user));

        Assert.Equal(HttpStatusCode.NotFound, refusal.Status);
    }

    public void Dispose()
    {
        File.Delete(_state);
    }
}
