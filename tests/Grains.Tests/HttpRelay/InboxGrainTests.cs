using PubkyCluster.Grains.HttpRelay;

namespace PubkyCluster.Grains.Tests.HttpRelay;

/// <summary>
/// The inbox grain's semantics (pubky/http-relay v0.7.0, src/http_relay/waiting_list.rs) on a fake clock. A wait
/// polled with a zero wait reports at once whether it has ended; one that must end is polled with a long fake wait,
/// which only its answer can end, capped in real time so a wrong grain fails rather than hangs.
/// </summary>
public sealed class InboxGrainTests(InboxGrainCluster cluster) : IClassFixture<InboxGrainCluster>
{
    private const int MaxWaiters = 3;

    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private static readonly InboxMessage First = new([1, 2, 3], "application/json");

    private static readonly InboxMessage Second = new([4], null);

    private static async Task<InboxPoll> EndOf(IHttpRelayInboxGrain inbox, InboxPoll wait) =>
        await inbox.Await(wait.Ticket, TimeSpan.FromHours(1)).WaitAsync(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task A_stored_message_is_read_again_and_again_without_being_consumed()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);

        var reads = new[] { await inbox.WaitForMessage(MaxWaiters), await inbox.WaitForMessage(MaxWaiters) };

        Assert.All(reads, read => Assert.Equal(InboxPollStatus.Delivered, read.Status));
        Assert.All(reads, read => Assert.Equal(First.Body, read.Message?.Body));
        Assert.All(reads, read => Assert.Equal("application/json", read.Message?.ContentType));
    }

    [Fact]
    public async Task A_reader_waiting_before_the_post_receives_the_message()
    {
        var inbox = cluster.Inbox();
        var wait = await inbox.WaitForMessage(MaxWaiters);

        await inbox.Store(First, Ttl);

        Assert.Equal(InboxPollStatus.Waiting, wait.Status);
        Assert.Equal(First.Body, (await EndOf(inbox, wait)).Message?.Body);
    }

    [Fact]
    public async Task A_second_post_replaces_the_message_and_its_acknowledgement()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);
        await inbox.Ack();

        await inbox.Store(Second, Ttl);

        Assert.False(await inbox.IsAcked());
        Assert.Equal(Second.Body, (await inbox.WaitForMessage(MaxWaiters)).Message?.Body);
    }

    [Fact]
    public async Task A_second_post_ends_an_ack_wait_on_the_first_as_gone()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);
        var wait = await inbox.WaitForAck(MaxWaiters);

        await inbox.Store(Second, Ttl);

        Assert.Equal(InboxPollStatus.Gone, (await EndOf(inbox, wait)).Status);
    }

    [Fact]
    public async Task An_ack_clears_the_message_but_keeps_the_entry()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);

        var acked = await inbox.Ack();

        Assert.True(acked);
        Assert.True(await inbox.IsAcked());
        Assert.Equal(InboxPollStatus.Waiting, (await inbox.WaitForMessage(MaxWaiters)).Status);
    }

    [Fact]
    public async Task An_ack_ends_a_waiting_ack_wait_as_acked()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);
        var wait = await inbox.WaitForAck(MaxWaiters);

        await inbox.Ack();

        Assert.Equal(InboxPollStatus.Acked, (await EndOf(inbox, wait)).Status);
    }

    [Fact]
    public async Task Reading_the_message_does_not_end_an_ack_wait()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);
        var wait = await inbox.WaitForAck(MaxWaiters);

        await inbox.WaitForMessage(MaxWaiters);

        Assert.Equal(InboxPollStatus.Waiting, (await inbox.Await(wait.Ticket, TimeSpan.Zero)).Status);
        Assert.False(await inbox.IsAcked());
    }

    [Fact]
    public async Task An_ack_wait_without_an_entry_is_gone_at_once()
    {
        var poll = await cluster.Inbox().WaitForAck(MaxWaiters);

        Assert.Equal(InboxPollStatus.Gone, poll.Status);
    }

    [Fact]
    public async Task An_entry_is_gone_its_ttl_after_the_post()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);

        cluster.Clock.Advance(Ttl);

        Assert.Null(await inbox.IsAcked());
        Assert.False(await inbox.Ack());
        Assert.Equal(InboxPollStatus.Waiting, (await inbox.WaitForMessage(MaxWaiters)).Status);
    }

    [Fact]
    public async Task An_entry_is_still_there_just_before_its_ttl_has_passed()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);

        cluster.Clock.Advance(Ttl - TimeSpan.FromSeconds(1));

        Assert.False(await inbox.IsAcked());
    }

    [Fact]
    public async Task A_reader_waiting_on_an_acknowledged_entry_is_told_it_is_gone_when_the_entry_expires()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);
        await inbox.Ack();
        var wait = await inbox.WaitForMessage(MaxWaiters);

        cluster.Clock.Advance(Ttl);

        Assert.Equal(InboxPollStatus.Gone, (await EndOf(inbox, wait)).Status);
    }

    [Fact]
    public async Task An_ack_waiter_is_told_it_is_gone_when_the_entry_expires()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);
        var wait = await inbox.WaitForAck(MaxWaiters);

        cluster.Clock.Advance(Ttl);

        Assert.Equal(InboxPollStatus.Gone, (await EndOf(inbox, wait)).Status);
    }

    [Fact]
    public async Task A_reader_beyond_the_waiter_limit_is_busy_while_ack_waits_are_counted_apart()
    {
        var inbox = cluster.Inbox();
        for (var i = 0; i < MaxWaiters; i++)
        {
            await inbox.WaitForMessage(MaxWaiters);
        }
        await inbox.Store(First, Ttl);
        await inbox.Ack();
        // The message went to the readers and was acknowledged: new readers wait again.
        for (var i = 0; i < MaxWaiters; i++)
        {
            Assert.Equal(InboxPollStatus.Waiting, (await inbox.WaitForMessage(MaxWaiters)).Status);
        }

        var refused = await inbox.WaitForMessage(MaxWaiters);

        Assert.Equal(InboxPollStatus.Busy, refused.Status);
        Assert.Equal(InboxPollStatus.Acked, (await inbox.WaitForAck(MaxWaiters)).Status);
    }

    [Fact]
    public async Task An_ack_waiter_beyond_the_waiter_limit_is_busy()
    {
        var inbox = cluster.Inbox();
        await inbox.Store(First, Ttl);
        for (var i = 0; i < MaxWaiters; i++)
        {
            await inbox.WaitForAck(MaxWaiters);
        }

        var refused = await inbox.WaitForAck(MaxWaiters);

        Assert.Equal(InboxPollStatus.Busy, refused.Status);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_place_among_the_waiters()
    {
        var inbox = cluster.Inbox();
        var waits = new List<InboxPoll>();
        for (var i = 0; i < MaxWaiters; i++)
        {
            waits.Add(await inbox.WaitForMessage(MaxWaiters));
        }

        await inbox.Cancel(waits[0].Ticket);

        Assert.Equal(InboxPollStatus.Waiting, (await inbox.WaitForMessage(MaxWaiters)).Status);
    }
}
