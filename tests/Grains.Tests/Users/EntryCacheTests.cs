using PubkyCluster.Grains.Users;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>
/// The user grain serves reads of its recent entries from memory and checks a write's path once: it is the only writer
/// of its entries, so what it remembers is what the store holds.
/// </summary>
public sealed class EntryCacheTests : IAsyncLifetime
{
    private static readonly byte[] Body = [1, 2, 3];

    private UserGrainCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await UserGrainCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_file_the_grain_just_wrote_is_read_without_a_store_read()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var blobId = await PutAsync(user, session, "/pub/a.txt");
        var readsBefore = _cluster.Store.EntryReads;

        var outcome = await user.Read(new ReadRequest(null, "/pub/a.txt"));

        Assert.Equal(blobId, outcome.Entry?.BlobId);
        Assert.Equal(readsBefore, _cluster.Store.EntryReads);
    }

    [Fact]
    public async Task A_second_read_of_a_missing_file_is_answered_from_memory()
    {
        var (user, _) = await _cluster.SignUpAsync();
        await user.Read(new ReadRequest(null, "/pub/missing.txt"));
        var readsBefore = _cluster.Store.EntryReads;

        var outcome = await user.Read(new ReadRequest(null, "/pub/missing.txt"));

        Assert.Null(outcome.Entry);
        Assert.Equal(readsBefore, _cluster.Store.EntryReads);
    }

    [Fact]
    public async Task A_fresh_read_asks_the_store()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var blobId = await PutAsync(user, session, "/pub/a.txt");
        var readsBefore = _cluster.Store.EntryReads;

        var outcome = await user.Read(new ReadRequest(null, "/pub/a.txt", Fresh: true));

        Assert.Equal(blobId, outcome.Entry?.BlobId);
        Assert.Equal(readsBefore + 1, _cluster.Store.EntryReads);
    }

    [Fact]
    public async Task A_deleted_file_reads_as_missing_at_once()
    {
        var (user, session) = await _cluster.SignUpAsync();
        await PutAsync(user, session, "/pub/a.txt");

        var deleted = await user.Delete(new WriteRequest(session, "/pub/a.txt", null));

        Assert.True(deleted.IsCommitted);
        Assert.Null((await user.Read(new ReadRequest(null, "/pub/a.txt"))).Entry);
    }

    [Fact]
    public async Task A_private_read_without_a_session_is_refused_before_any_store_read()
    {
        var (user, session) = await _cluster.SignUpAsync();
        await PutAsync(user, session, "/priv/secret.txt");

        var outcome = await user.Read(new ReadRequest(null, "/priv/secret.txt", Fresh: true));

        Assert.Equal(Refusal.PrivateReadNeedsSession, outcome.Refusal);
        Assert.Null(outcome.Entry);
    }

    [Fact]
    public async Task A_write_with_nothing_committed_since_its_check_commits_without_inspecting_the_path_again()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var decision = await user.AuthorizeWrite(new WriteRequest(session, "/pub/a.txt", Body.Length));
        var commit = await _cluster.UploadAsync(user, session, "/pub/a.txt", Body) with { Checked = decision.Checked };
        var inspectionsBefore = _cluster.Store.Inspections;
        var readsBefore = _cluster.Store.EntryReads;

        var outcome = await user.CommitPut(commit);

        Assert.True(outcome.IsCommitted);
        Assert.Equal(inspectionsBefore, _cluster.Store.Inspections);
        Assert.Equal(readsBefore, _cluster.Store.EntryReads);
    }

    [Fact]
    public async Task A_write_checked_before_another_commit_is_checked_again_and_refused_when_that_commit_made_it_collide()
    {
        var (user, session) = await _cluster.SignUpAsync();
        var decision = await user.AuthorizeWrite(new WriteRequest(session, "/pub/a/b.txt", Body.Length));
        await PutAsync(user, session, "/pub/a");
        var commit = await _cluster.UploadAsync(user, session, "/pub/a/b.txt", Body) with { Checked = decision.Checked };

        var outcome = await user.CommitPut(commit);

        Assert.True(decision.IsAllowed);
        Assert.Equal(Refusal.PathCollision, outcome.Refusal);
    }

    [Fact]
    public async Task Overwriting_a_file_the_grain_holds_is_authorized_without_inspecting_the_path()
    {
        var (user, session) = await _cluster.SignUpAsync();
        await PutAsync(user, session, "/pub/a.txt");
        var inspectionsBefore = _cluster.Store.Inspections;

        var decision = await user.AuthorizeWrite(new WriteRequest(session, "/pub/a.txt", Body.Length));

        Assert.True(decision.IsAllowed);
        Assert.Equal(inspectionsBefore, _cluster.Store.Inspections);
    }

    [Fact]
    public async Task A_write_to_a_path_known_to_be_empty_is_still_inspected_and_refused_below_a_file()
    {
        var (user, session) = await _cluster.SignUpAsync();
        await PutAsync(user, session, "/pub/a");
        await user.Read(new ReadRequest(null, "/pub/a/b.txt"));
        var inspectionsBefore = _cluster.Store.Inspections;

        var decision = await user.AuthorizeWrite(new WriteRequest(session, "/pub/a/b.txt", Body.Length));

        Assert.Equal(Refusal.PathCollision, decision.Refusal);
        Assert.Equal(inspectionsBefore + 1, _cluster.Store.Inspections);
    }

    private async Task<string> PutAsync(IUserGrain user, string session, string path)
    {
        var commit = await _cluster.UploadAsync(user, session, path, Body);
        var outcome = await user.CommitPut(commit);
        Assert.True(outcome.IsCommitted);
        return commit.BlobId;
    }
}
