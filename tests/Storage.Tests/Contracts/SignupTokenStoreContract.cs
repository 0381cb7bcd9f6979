using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Contracts;

/// <summary>What every <see cref="ISignupTokenStore"/> must do: tokens are single use, exactly, under concurrency.</summary>
public abstract class SignupTokenStoreContract : StoreContract<ISignupTokenStore>
{
    [Fact]
    public async Task A_created_token_reads_back_unused_with_its_quota()
    {
        var store = await OpenFreshAsync();
        var at = TestClock.Next();

        await store.CreateAsync("AAAA-BBBB-CCCC", new QuotaRecord(10, false, ["/pub/app/"]), at);

        var token = await store.GetAsync("AAAA-BBBB-CCCC");
        Assert.NotNull(token);
        Assert.Equal(at, token.CreatedAt);
        Assert.Equal(10, token.Quota.StorageQuotaMb);
        Assert.Equal(["/pub/app/"], token.Quota.AllowedWritePaths);
        Assert.Null(token.UsedBy);
        Assert.Null(token.UsedAt);
    }

    [Fact]
    public async Task A_created_token_reads_back_with_its_rate_overrides()
    {
        var store = await OpenFreshAsync();

        await store.CreateAsync("AAAA-BBBB-CCCC", QuotaRecord.Default with { RateRead = "unlimited", RateWrite = "1kb/s" }, TestClock.Next());

        var token = (await store.GetAsync("AAAA-BBBB-CCCC"))!;
        Assert.Equal("unlimited", token.Quota.RateRead);
        Assert.Equal("1kb/s", token.Quota.RateWrite);
    }

    [Fact]
    public async Task An_unknown_token_reads_as_null()
    {
        var store = await OpenFreshAsync();

        Assert.Null(await store.GetAsync("ZZZZ-ZZZZ-ZZZZ"));
    }

    [Fact]
    public async Task A_token_can_be_claimed_once()
    {
        var store = await OpenFreshAsync();
        await store.CreateAsync("AAAA-BBBB-CCCC", QuotaRecord.Default, TestClock.Next());

        Assert.True(await store.TryClaimAsync("AAAA-BBBB-CCCC", "alice", TestClock.Next()));
        Assert.False(await store.TryClaimAsync("AAAA-BBBB-CCCC", "bob", TestClock.Next()));
    }

    [Fact]
    public async Task A_claim_records_who_used_the_token_and_when()
    {
        var store = await OpenFreshAsync();
        await store.CreateAsync("AAAA-BBBB-CCCC", QuotaRecord.Default, TestClock.Next());
        var at = TestClock.Next();

        await store.TryClaimAsync("AAAA-BBBB-CCCC", "alice", at);

        var token = (await store.GetAsync("AAAA-BBBB-CCCC"))!;
        Assert.Equal("alice", token.UsedBy);
        Assert.Equal(at, token.UsedAt);
    }

    [Fact]
    public async Task An_unknown_token_cannot_be_claimed()
    {
        var store = await OpenFreshAsync();

        Assert.False(await store.TryClaimAsync("ZZZZ-ZZZZ-ZZZZ", "alice", TestClock.Next()));
    }

    [Fact]
    public async Task Of_many_concurrent_claims_exactly_one_wins()
    {
        var store = await OpenFreshAsync();
        await store.CreateAsync("AAAA-BBBB-CCCC", QuotaRecord.Default, TestClock.Next());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => store.TryClaimAsync("AAAA-BBBB-CCCC", $"user{i}", TestClock.Next()))));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task Creating_an_existing_token_throws_and_keeps_the_original()
    {
        var store = await OpenFreshAsync();
        await store.CreateAsync("AAAA-BBBB-CCCC", new QuotaRecord(1, false, null), TestClock.Next());

        await Assert.ThrowsAsync<StoreConflictException>(() =>
            store.CreateAsync("AAAA-BBBB-CCCC", new QuotaRecord(2, false, null), TestClock.Next()));

        Assert.Equal(1, (await store.GetAsync("AAAA-BBBB-CCCC"))!.Quota.StorageQuotaMb);
    }

    [Fact]
    public async Task Counts_give_all_tokens_and_the_unused_ones()
    {
        var store = await OpenFreshAsync();
        await store.CreateAsync("AAAA-AAAA-AAAA", QuotaRecord.Default, TestClock.Next());
        await store.CreateAsync("BBBB-BBBB-BBBB", QuotaRecord.Default, TestClock.Next());
        await store.CreateAsync("CCCC-CCCC-CCCC", QuotaRecord.Default, TestClock.Next());
        await store.TryClaimAsync("BBBB-BBBB-BBBB", "alice", TestClock.Next());

        Assert.Equal((3L, 2L), await store.CountAsync());
    }

    [Fact]
    public async Task Tokens_survive_closing_and_reopening_the_store()
    {
        var name = NewName();
        var store = await OpenNamedAsync(name);
        await store.CreateAsync("AAAA-BBBB-CCCC", QuotaRecord.Default, TestClock.Next());
        await store.TryClaimAsync("AAAA-BBBB-CCCC", "alice", TestClock.Next());
        await CloseAllAsync();

        var reopened = await OpenNamedAsync(name);

        Assert.Equal("alice", (await reopened.GetAsync("AAAA-BBBB-CCCC"))!.UsedBy);
    }
}
