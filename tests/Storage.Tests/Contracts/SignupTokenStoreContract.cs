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

    [Fact]
    public async Task A_listing_gives_tokens_in_token_order_whatever_their_creation_order()
    {
        var store = await OpenFreshAsync();
        await store.CreateAsync("CCCC-CCCC-CCCC", QuotaRecord.Default, TestClock.Next());
        await store.CreateAsync("AAAA-AAAA-AAAA", QuotaRecord.Default, TestClock.Next());
        await store.CreateAsync("BBBB-BBBB-BBBB", QuotaRecord.Default, TestClock.Next());

        var page = await store.ListAsync(SignupTokenState.All, null, 10);

        Assert.Equal(["AAAA-AAAA-AAAA", "BBBB-BBBB-BBBB", "CCCC-CCCC-CCCC"], page.Select(t => t.Token));
    }

    [Fact]
    public async Task A_listing_gives_at_most_limit_tokens_starting_after_the_cursor()
    {
        var store = await OpenFreshAsync();
        await CreateFourAsync(store);

        var page = await store.ListAsync(SignupTokenState.All, "AAAA-AAAA-AAAA", 2);

        Assert.Equal(["BBBB-BBBB-BBBB", "CCCC-CCCC-CCCC"], page.Select(t => t.Token));
    }

    [Fact]
    public async Task A_listing_by_state_gives_only_used_or_only_unused_tokens()
    {
        var store = await OpenFreshAsync();
        await CreateFourAsync(store);
        await store.TryClaimAsync("BBBB-BBBB-BBBB", "alice", TestClock.Next());
        await store.TryClaimAsync("CCCC-CCCC-CCCC", "bob", TestClock.Next());

        var used = await store.ListAsync(SignupTokenState.Used, null, 10);
        var unused = await store.ListAsync(SignupTokenState.Unused, "AAAA-AAAA-AAAA", 10);

        Assert.Equal(["BBBB-BBBB-BBBB", "CCCC-CCCC-CCCC"], used.Select(t => t.Token));
        Assert.Equal(["DDDD-DDDD-DDDD"], unused.Select(t => t.Token));
    }

    [Fact]
    public async Task A_listed_token_carries_its_creation_and_use()
    {
        var store = await OpenFreshAsync();
        var created = TestClock.Next();
        await store.CreateAsync("AAAA-AAAA-AAAA", new QuotaRecord(7, false, null), created);
        var claimed = TestClock.Next();
        await store.TryClaimAsync("AAAA-AAAA-AAAA", "alice", claimed);

        var token = Assert.Single(await store.ListAsync(SignupTokenState.All, null, 10));

        Assert.Equal(new SignupTokenRecord("AAAA-AAAA-AAAA", created, token.Quota, "alice", claimed), token);
        Assert.Equal(7, token.Quota.StorageQuotaMb);
    }

    [Fact]
    public async Task A_listing_past_the_last_token_is_empty()
    {
        var store = await OpenFreshAsync();
        await store.CreateAsync("AAAA-AAAA-AAAA", QuotaRecord.Default, TestClock.Next());

        Assert.Empty(await store.ListAsync(SignupTokenState.All, "AAAA-AAAA-AAAA", 10));
    }

    private static async Task CreateFourAsync(ISignupTokenStore store)
    {
        foreach (var token in new[] { "AAAA-AAAA-AAAA", "BBBB-BBBB-BBBB", "CCCC-CCCC-CCCC", "DDDD-DDDD-DDDD" })
        {
            await store.CreateAsync(token, QuotaRecord.Default, TestClock.Next());
        }
    }
}
