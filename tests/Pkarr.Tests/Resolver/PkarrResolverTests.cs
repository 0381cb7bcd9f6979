using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Resolver;
using Pubky.Pkarr.Tests.Dht;
using Pubky.Pkarr.Tests.Packets;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests.Resolver;

public sealed class PkarrResolverTests : IDisposable
{
    private readonly Keypair _keypair = Keypair.Random();
    private readonly WatchedTime _time = new();
    private readonly FakeDht _dht = new();

    public void Dispose() => _keypair.Dispose();

    private PkarrResolver Resolver() => new(_dht, null, new PkarrResolverOptions { Time = _time });

    /// <summary>An empty packet: its TTL is the clamp minimum, 300 s.</summary>
    private SignedPacket Packet(ulong timestamp) => PacketFixtures.Signed(_keypair, timestamp, PacketFixtures.EmptyDns);

    [Fact]
    public async Task Miss_returns_the_first_valid_answer()
    {
        _dht.Answers = [Packet(10)];
        await using var resolver = Resolver();

        Assert.Equal(10UL, (await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout()))!.Timestamp);
        Assert.Equal(1, resolver.Misses);
    }

    [Fact]
    public async Task Miss_with_no_answer_returns_null()
    {
        await using var resolver = Resolver();

        Assert.Null(await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout()));
    }

    [Fact]
    public async Task Fresh_cache_hit_does_not_query_again()
    {
        _dht.Answers = [Packet(10)];
        await using var resolver = Resolver();
        await resolver.ResolveMostRecentAsync(_keypair.PublicKey, DhtFixtures.Timeout());

        _time.Advance(TimeSpan.FromSeconds(299));
        var hit = await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout());

        Assert.Equal(10UL, hit!.Timestamp);
        Assert.Equal(1, _dht.Gets);
        Assert.Equal(1, resolver.FreshHits);
    }

    [Fact]
    public async Task Expired_entry_is_returned_at_once_and_refreshed_in_the_background()
    {
        _dht.Answers = [Packet(10)];
        await using var resolver = Resolver();
        await resolver.ResolveMostRecentAsync(_keypair.PublicKey, DhtFixtures.Timeout());
        _dht.Answers = [Packet(20)];
        _time.Advance(TimeSpan.FromSeconds(301));

        var stale = await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout());
        await resolver.BackgroundQueriesEnded().WaitAsync(DhtFixtures.Patience);

        Assert.Equal(10UL, stale!.Timestamp);
        Assert.Equal(20UL, resolver.Cached(_keypair.PublicKey)!.Timestamp);
        Assert.Equal(2, _dht.Gets);
        Assert.Equal(1, resolver.StaleHits);
    }

    [Fact]
    public async Task Older_answer_never_replaces_the_cached_newer_packet()
    {
        _dht.Answers = [Packet(20)];
        await using var resolver = Resolver();
        await resolver.ResolveMostRecentAsync(_keypair.PublicKey, DhtFixtures.Timeout());
        _dht.Answers = [Packet(10)];

        var kept = await resolver.ResolveMostRecentAsync(_keypair.PublicKey, DhtFixtures.Timeout());

        Assert.Equal(20UL, kept!.Timestamp);
    }

    [Fact]
    public async Task Expiry_counts_from_when_the_packet_was_last_seen_not_from_its_timestamp()
    {
        var signedLongAgo = Packet((ulong)DateTimeOffset.UnixEpoch.AddYears(30).ToUnixTimeMilliseconds() * 1000);
        _dht.Answers = [signedLongAgo];
        await using var resolver = Resolver();
        await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout());

        await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout());

        Assert.Equal(1, resolver.FreshHits);
    }

    [Fact]
    public async Task Ttl_of_the_records_sets_the_cache_lifetime_within_the_clamp()
    {
        var hourLong = SignedPacket.Create(_keypair, [new DnsRecord("@", 3600, new TxtRecordData("x"))], _time);
        _dht.Answers = [hourLong];
        await using var resolver = Resolver();
        await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout());

        _time.Advance(TimeSpan.FromSeconds(3599));
        await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout());
        _time.Advance(TimeSpan.FromSeconds(2));
        await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout());

        Assert.Equal(1, resolver.FreshHits);
        Assert.Equal(1, resolver.StaleHits);
    }

    [Fact]
    public async Task Resolver_over_a_testnet_finds_a_published_packet()
    {
        await using var testnet = await DhtFixtures.Testnet(4);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        var packet = DhtFixtures.Packet(_keypair, "resolver");
        await client.PutMutableAsync(packet, null, DhtFixtures.Timeout());
        await using var reader = await DhtFixtures.Client(testnet.Bootstrap);
        await using var resolver = new PkarrResolver(reader, null);

        var resolved = await resolver.ResolveAsync(_keypair.PublicKey, DhtFixtures.Timeout());

        Assert.Equal(packet.Bytes.ToArray(), resolved!.Bytes.ToArray());
    }
}
