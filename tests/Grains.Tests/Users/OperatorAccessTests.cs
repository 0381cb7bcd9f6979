using PubkyCluster.Grains.Users;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>
/// The operator's entry points (the admin WebDAV): no session, the user must exist, and a write goes through the same
/// commit (entry, used bytes, event) as the user's own.
/// </summary>
public sealed class OperatorAccessTests : IAsyncLifetime
{
    private static readonly byte[] Body = [1, 2, 3, 4];

    private UserGrainCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await UserGrainCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<CommitOutcome> OperatorPutAsync(IUserGrain user, string path)
    {
        var decision = await user.AdminAuthorizeWrite(path, Body.Length);
        Assert.Equal(Refusal.None, decision.Refusal);
        var commit = await _cluster.UploadAsync(user, sessionHash: null, path, Body);
        return await user.AdminCommitPut(commit with { Checked = decision.Checked });
    }

    [Fact]
    public async Task An_operator_put_without_a_session_commits_and_counts_in_used_bytes()
    {
        var (user, _) = await _cluster.SignUpAsync();

        var outcome = await OperatorPutAsync(user, "/pub/op/a.bin");

        Assert.True(outcome.IsCommitted);
        Assert.True(outcome.EventId > 0);
        Assert.Equal(Body.Length + StorageAccounting.EntryOverheadBytes, (await user.GetUsage())!.UsedBytes);
    }

    [Fact]
    public async Task A_users_own_commit_without_a_session_is_still_refused()
    {
        var (user, _) = await _cluster.SignUpAsync();
        var commit = await _cluster.UploadAsync(user, sessionHash: null, "/pub/op/b.bin", Body);

        var outcome = await user.CommitPut(commit);

        Assert.Equal(Refusal.NoSessionSecret, outcome.Refusal);
    }

    [Fact]
    public async Task An_operator_write_for_an_unknown_user_is_refused_as_user_not_found()
    {
        var user = _cluster.Grains.GetGrain<IUserGrain>("yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no");

        var decision = await user.AdminAuthorizeWrite("/pub/x.txt", 1);

        Assert.Equal(Refusal.UserNotFound, decision.Refusal);
    }

    [Fact]
    public async Task An_operator_may_write_outside_the_users_allowed_write_paths()
    {
        var (user, session) = await _cluster.SignUpAsync();
        await user.SetQuota(UserQuota.Default with { AllowedWritePaths = [] });

        var usersOwn = await user.AuthorizeWrite(new WriteRequest(session, "/pub/op/c.bin", Body.Length));
        var operators = await user.AdminAuthorizeWrite("/pub/op/c.bin", Body.Length);

        Assert.Equal(Refusal.WritePathNotAllowed, usersOwn.Refusal);
        Assert.Equal(Refusal.None, operators.Refusal);
    }

    [Fact]
    public async Task An_operator_reads_a_private_file_without_a_session()
    {
        var (user, _) = await _cluster.SignUpAsync();
        await OperatorPutAsync(user, "/priv/op/secret.bin");

        var outcome = await user.AdminRead("/priv/op/secret.bin", fresh: false);

        Assert.Equal(Body.Length, outcome.Entry!.ContentLength);
    }

    [Fact]
    public async Task An_operator_listing_gives_each_files_entry_and_none_for_directories()
    {
        var (user, _) = await _cluster.SignUpAsync();
        await OperatorPutAsync(user, "/pub/op/file.bin");
        await OperatorPutAsync(user, "/pub/op/dir/inner.bin");

        var page = await user.AdminList(new ListRequest("/pub/op/", null, 10, Reverse: false, Shallow: true));

        Assert.Equal(["/pub/op/dir/", "/pub/op/file.bin"], page.Select(e => e.Path));
        Assert.Null(page[0].Entry);
        Assert.Equal(Body.Length, page[1].Entry!.ContentLength);
    }
}
