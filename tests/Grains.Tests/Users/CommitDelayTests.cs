using PubkyCluster.Grains.Users;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>
/// The user grain's side of the orphan sweeper's safety: a commit may name a body only within Limits:MaxCommitDelay
/// of its upload, half the sweeper's grace period, so a body the sweeper may take is one no accepted commit names.
/// </summary>
public sealed class CommitDelayTests : IAsyncLifetime
{
    private static readonly byte[] Body = [1, 2, 3];

    private UserGrainCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await UserGrainCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_commit_whose_upload_completed_longer_than_the_commit_delay_ago_is_refused_and_its_blob_is_swept()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var commit = await _cluster.UploadAsync(user, session, "/pub/late.txt", Body);
        // A failover or a slow path held the commit back.
        _cluster.Clock.Advance(UserGrainCluster.MaxCommitDelay + TimeSpan.FromSeconds(1));

        var outcome = await user.CommitPut(commit);
        _cluster.Clock.Advance(UserGrainCluster.GracePeriod);
        await _cluster.Sweeper.SweepAsync();

        Assert.Equal(Refusal.CommitTooLate, outcome.Refusal);
        Assert.Null((await user.Read(new ReadRequest(null, "/pub/late.txt"))).Entry);
        Assert.False(await _cluster.BlobExistsAsync(commit.BlobId));
    }

    [Fact]
    public async Task The_latest_commit_the_grain_accepts_finds_its_body_unswept_and_keeps_it_at_every_later_sweep()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var commit = await _cluster.UploadAsync(user, session, "/pub/on-time.txt", Body);
        _cluster.Clock.Advance(UserGrainCluster.MaxCommitDelay);

        // A pass racing the commit at the last moment it is accepted: the body is not yet old to the sweeper.
        await _cluster.Sweeper.SweepAsync();
        var keptForTheCommit = await _cluster.BlobExistsAsync(commit.BlobId);
        var outcome = await user.CommitPut(commit);
        var keptAfter = new List<bool>();
        foreach (var later in new[] { UserGrainCluster.GracePeriod, TimeSpan.FromDays(1), TimeSpan.FromDays(365) })
        {
            _cluster.Clock.Advance(later);
            await _cluster.Sweeper.SweepAsync();
            keptAfter.Add(await _cluster.BlobExistsAsync(commit.BlobId));
        }

        Assert.True(keptForTheCommit);
        Assert.True(outcome.IsCommitted);
        Assert.Equal(commit.BlobId, ((await user.Read(new ReadRequest(null, "/pub/on-time.txt"))).Entry)?.BlobId);
        Assert.All(keptAfter, Assert.True);
    }
}
