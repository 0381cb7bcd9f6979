using Orleans.Storage;
using PubkyCluster.Storage.GrainState;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Contracts;

/// <summary>
/// What every grain-state provider the project ships must do: ETag compare-and-swap on every write and clear,
/// conflicts (stale ETag, deleted row, concurrent create) as <see cref="InconsistentStateException"/> or a subtype
/// (the official Azure provider throws its own), and the size cap of <see cref="GrainStateSerializer"/>.
/// </summary>
public abstract class GrainStorageContract : StoreContract<IGrainStorage>
{
    private const string StateName = "counter";

    [Fact]
    public async Task Reading_a_missing_state_gives_a_fresh_state_without_etag()
    {
        var storage = await OpenFreshAsync();
        var state = new GrainState<CounterState>();

        await storage.ReadStateAsync(StateName, NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(0, state.State!.Count);
    }

    [Fact]
    public async Task A_written_state_reads_back()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var written = Counter(7, "seven");

        await storage.WriteStateAsync(StateName, grain, written);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.True(written.RecordExists);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(7, read.State!.Count);
        Assert.Equal("seven", read.State!.Note);
    }

    [Fact]
    public async Task An_update_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var state = Counter(1);
        await storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;

        state.State!.Count = 2;
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.NotEqual(first, state.ETag);
        Assert.Equal(2, (await ReadAsync(storage, grain)).State!.Count);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_inconsistent()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var winner = Counter(1);
        await storage.WriteStateAsync(StateName, grain, winner);
        var stale = Counter(100);
        stale.ETag = winner.ETag;
        await storage.WriteStateAsync(StateName, grain, winner);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        Assert.Equal(1, (await ReadAsync(storage, grain)).State!.Count);
    }

    [Fact]
    public async Task A_blind_insert_over_an_existing_state_is_inconsistent()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, Counter(1));

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, Counter(2)));

        Assert.Equal(1, (await ReadAsync(storage, grain)).State!.Count);
    }

    [Fact]
    public async Task Clearing_removes_the_state()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var state = Counter(1);
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.False((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task Clearing_leaves_a_fresh_state_in_memory()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var state = Counter(4, "four");
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.Equal(0, state.State!.Count);
        Assert.Equal("", state.State.Note);
    }

    [Fact]
    public async Task A_state_can_be_written_again_after_clearing()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var state = Counter(1);
        await storage.WriteStateAsync(StateName, grain, state);
        await storage.ClearStateAsync(StateName, grain, state);

        state.State!.Count = 5;
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.Equal(5, (await ReadAsync(storage, grain)).State!.Count);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_inconsistent()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var state = Counter(1);
        await storage.WriteStateAsync(StateName, grain, state);
        var stale = Counter(1);
        stale.ETag = state.ETag;
        await storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));

        Assert.True((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task An_update_after_another_writer_cleared_the_state_is_inconsistent()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var state = Counter(1);
        await storage.WriteStateAsync(StateName, grain, state);
        var stale = Counter(2);
        stale.ETag = state.ETag;
        await storage.ClearStateAsync(StateName, grain, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        Assert.False((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task Clearing_after_another_writer_cleared_the_state_is_inconsistent()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var state = Counter(1);
        await storage.WriteStateAsync(StateName, grain, state);
        var stale = Counter(1);
        stale.ETag = state.ETag;
        await storage.ClearStateAsync(StateName, grain, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));
    }

    [Fact]
    public async Task Of_two_concurrent_creates_exactly_one_wins()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var first = storage.WriteStateAsync(StateName, grain, Counter(1));
        var second = storage.WriteStateAsync(StateName, grain, Counter(2));

        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(outcomes, outcome => outcome is null);
        Assert.IsAssignableFrom<InconsistentStateException>(Assert.Single(outcomes, outcome => outcome is not null));
        var stored = (await ReadAsync(storage, grain)).State!.Count;
        Assert.Equal(outcomes[0] is null ? 1 : 2, stored);
    }

    [Fact]
    public async Task An_oversized_state_is_rejected_and_nothing_is_stored()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var state = Counter(1);
        state.State!.Payload = new byte[GrainStateLimits.MaxStateBytes + 1];

        await Assert.ThrowsAsync<GrainStateTooLargeException>(() => storage.WriteStateAsync(StateName, grain, state));

        Assert.False((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task Grains_and_state_names_are_independent()
    {
        var storage = await OpenFreshAsync();
        var grain = NewGrain();
        var other = NewGrain();
        await storage.WriteStateAsync(StateName, grain, Counter(1));
        await storage.WriteStateAsync("other", grain, Counter(2));
        await storage.WriteStateAsync(StateName, other, Counter(3));

        Assert.Equal(1, (await ReadAsync(storage, grain)).State!.Count);
        Assert.Equal(2, (await ReadAsync(storage, grain, "other")).State!.Count);
        Assert.Equal(3, (await ReadAsync(storage, other)).State!.Count);
    }

    [Fact]
    public async Task State_survives_closing_and_reopening_the_store()
    {
        var name = NewName();
        var storage = await OpenNamedAsync(name);
        var grain = NewGrain();
        var state = Counter(42);
        await storage.WriteStateAsync(StateName, grain, state);
        await CloseAllAsync();

        var reopened = await ReadAsync(await OpenNamedAsync(name), grain);

        Assert.Equal(42, reopened.State!.Count);
        Assert.Equal(state.ETag, reopened.ETag);
    }

    /// <summary>Null when the write succeeded, else what it threw.</summary>
    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private static GrainId NewGrain() => GrainId.Create("user", Guid.NewGuid().ToString("N"));

    private static GrainState<CounterState> Counter(int count, string note = "") =>
        new(new CounterState { Count = count, Note = note });

    private static async Task<GrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId grain, string stateName = StateName)
    {
        var state = new GrainState<CounterState>();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }
}
