using PubkyCluster.Grains.Users;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>
/// The user grain decides one write at a time but does not wait for one commit to be durable before starting the next
/// (as many as the store allows), so one user's queued writes can share a transaction; decisions still count the bytes
/// of the commits in flight, and reads see only what is durable.
/// </summary>
public sealed class CommitsInFlightTests : IAsyncLifetime
{
    /// <summary>Far beyond what the grain needs; the held store, not this bound, decides the outcome.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly byte[] Small = [1];

    private UserGrainCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await UserGrainCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Overwrites_of_one_user_start_their_commits_before_the_first_is_durable_and_all_land()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var paths = await WriteFilesAsync(user, session, 4);
        var commits = await Task.WhenAll(paths.Select(path => _cluster.UploadAsync(user, session, path, [2, 2])));

        Task<CommitOutcome[]> outcomes;
        using (_cluster.Store.HoldCommits())
        {
            outcomes = Task.WhenAll(commits.Select(user.CommitPut));
            await _cluster.Store.WhenCommitsInFlight(paths.Count).WaitAsync(Bound);
        }

        Assert.All(await outcomes.WaitAsync(Bound), outcome => Assert.True(outcome.IsCommitted));
        Assert.Equal(paths.Count * (2 + StorageAccounting.EntryOverheadBytes), (await user.GetUsage())!.UsedBytes);
    }

    [Fact]
    public async Task A_new_file_elsewhere_is_decided_and_started_while_another_commit_is_in_flight()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var path = (await WriteFilesAsync(user, session, 1))[0];
        var overwrite = await _cluster.UploadAsync(user, session, path, [2, 2]);
        var elsewhere = await _cluster.UploadAsync(user, session, "/pub/elsewhere.txt", Small);

        Task<CommitOutcome[]> outcomes;
        using (_cluster.Store.HoldCommits())
        {
            outcomes = Task.WhenAll(user.CommitPut(overwrite), user.CommitPut(elsewhere));
            await _cluster.Store.WhenCommitsInFlight(2).WaitAsync(Bound);
        }

        Assert.All(await outcomes.WaitAsync(Bound), outcome => Assert.True(outcome.IsCommitted));
    }

    [Fact]
    public async Task A_file_below_a_file_still_in_flight_waits_for_it_and_is_refused_as_a_collision()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var above = await _cluster.UploadAsync(user, session, "/pub/a", Small);
        var below = await _cluster.UploadAsync(user, session, "/pub/a/b.txt", Small);

        Task<CommitOutcome> aboveCommitting, belowCommitting;
        using (_cluster.Store.HoldCommits())
        {
            aboveCommitting = user.CommitPut(above);
            await _cluster.Store.WhenCommitsInFlight(1).WaitAsync(Bound);
            belowCommitting = user.CommitPut(below);
        }

        Assert.True((await aboveCommitting.WaitAsync(Bound)).IsCommitted);
        Assert.Equal(Refusal.PathCollision, (await belowCommitting.WaitAsync(Bound)).Refusal);
        Assert.Equal(1, _cluster.Store.MostCommitsInFlight);
    }

    [Fact]
    public async Task A_read_while_an_overwrite_is_in_flight_gets_the_durable_file()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var path = (await WriteFilesAsync(user, session, 1))[0];
        var durable = (await user.Read(new ReadRequest(null, path))).Entry!.BlobId;
        var overwrite = await _cluster.UploadAsync(user, session, path, [2, 2]);

        Task<CommitOutcome> committing;
        using (_cluster.Store.HoldCommits())
        {
            committing = user.CommitPut(overwrite);
            await _cluster.Store.WhenCommitsInFlight(1).WaitAsync(Bound);
            Assert.Equal(durable, (await user.Read(new ReadRequest(null, path))).Entry!.BlobId);
        }

        Assert.True((await committing.WaitAsync(Bound)).IsCommitted);
        Assert.Equal(overwrite.BlobId, (await user.Read(new ReadRequest(null, path))).Entry!.BlobId);
    }

    [Fact]
    public async Task The_quota_counts_the_bytes_of_commits_in_flight_so_no_more_than_fit_are_accepted()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var paths = await WriteFilesAsync(user, session, 4);
        Assert.True(await user.SetQuota(UserQuota.Default with { StorageQuotaMb = 1 }));
        var big = new byte[400 * 1024];
        var commits = await Task.WhenAll(paths.Select(path => _cluster.UploadAsync(user, session, path, big)));

        Task<CommitOutcome[]> outcomes;
        using (_cluster.Store.HoldCommits())
        {
            outcomes = Task.WhenAll(commits.Select(user.CommitPut));
            await _cluster.Store.WhenCommitsInFlight(2).WaitAsync(Bound);
        }

        var answered = await outcomes.WaitAsync(Bound);
        Assert.Equal(2, answered.Count(outcome => outcome.IsCommitted));
        Assert.Equal(2, answered.Count(outcome => outcome.Refusal == Refusal.QuotaExceeded));
    }

    [Fact]
    public async Task A_store_that_takes_one_commit_at_a_time_never_has_two_of_a_user_in_flight()
    {
        _cluster.Store.CommitsInFlightLimit = 1;
        var (user, session) = await _cluster.SignUpAsync();
        var paths = await WriteFilesAsync(user, session, 4);
        var commits = await Task.WhenAll(paths.Select(path => _cluster.UploadAsync(user, session, path, [2, 2])));

        var outcomes = await Task.WhenAll(commits.Select(user.CommitPut)).WaitAsync(Bound);

        Assert.All(outcomes, outcome => Assert.True(outcome.IsCommitted));
        Assert.Equal(1, _cluster.Store.MostCommitsInFlight);
    }

    /// <summary>Files the grain has just written, so it holds them and can decide their overwrites without a store read.</summary>
    private async Task<IReadOnlyList<string>> WriteFilesAsync(IUserGrain user, string session, int count)
    {
        var paths = Enumerable.Range(0, count).Select(i => $"/pub/q/{i}").ToList();
        foreach (var path in paths)
        {
            Assert.True((await user.CommitPut(await _cluster.UploadAsync(user, session, path, Small))).IsCommitted);
        }
        return paths;
    }
}
