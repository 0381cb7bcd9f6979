using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using static Pubky.Pkarr.Tests.Packets.PacketFixtures;

namespace Pubky.Pkarr.Tests.Packets;

public sealed class SignedPacketTests
{
    private static readonly Keypair Signer = TestKeys.User;
    private static readonly DnsRecord LoopbackA = new("@", 3600, new AddressRecordData(IPAddress.Loopback));

    [Fact]
    public void Create_lays_out_key_signature_big_endian_timestamp_and_dns()
    {
        var packet = SignedPacket.Create(Signer, [LoopbackA]);
        var bytes = packet.Bytes.ToArray();

        Assert.Equal(Signer.PublicKey.Bytes.ToArray(), bytes[..32]);
        Assert.Equal(packet.Signature.ToArray(), bytes[32..96]);
        Assert.Equal(packet.Timestamp, BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(96, 8)));
        Assert.Equal(packet.Dns.ToArray(), bytes[104..]);
        Assert.True(Signer.PublicKey.Verify(Bep44.Signable(packet.Timestamp, packet.Dns), packet.Signature));
    }

    [Fact]
    public void Create_uses_a_microsecond_timestamp_from_the_clock()
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(80);
        var packet = SignedPacket.Create(Keypair.Random(), [LoopbackA], new FakeTimeProvider(now));

        Assert.Equal((ulong)(now - DateTimeOffset.UnixEpoch).Ticks / 10, packet.Timestamp);
    }

    [Fact]
    public void Create_timestamps_strictly_increase_per_key_when_the_clock_stands_still()
    {
        var keypair = Keypair.Random();
        var clock = new FakeTimeProvider(WatchedTime.DefaultStart);

        var first = SignedPacket.Create(keypair, [LoopbackA], clock);
        var second = SignedPacket.Create(keypair, [LoopbackA], clock);

        Assert.Equal(first.Timestamp + 1, second.Timestamp);
    }

    [Fact]
    public void Create_normalises_owner_names_to_the_key()
    {
        var packet = SignedPacket.Create(Signer, [LoopbackA, LoopbackA with { Name = "foo" }]);

        Assert.Equal([Signer.PublicKey.Z32, "foo." + Signer.PublicKey.Z32], packet.Answers.Select(a => a.Name));
    }

    [Fact]
    public void Create_refuses_records_over_1000_bytes() =>
        Assert.Throws<DnsPacketTooLargeException>(() => SignedPacket.Create(Signer,
            Enumerable.Range(0, 5).Select(_ => new DnsRecord("@", 60, new TxtRecordData(new string('x', 250))))));

    [Fact]
    public void From_bytes_reads_back_what_create_wrote()
    {
        var packet = SignedPacket.Create(Signer, [LoopbackA]);

        var parsed = SignedPacket.FromBytes(packet.Bytes);

        Assert.Equal(packet.Bytes.ToArray(), parsed.Bytes.ToArray());
        Assert.Equal(Signer.PublicKey, parsed.PublicKey);
        Assert.Equal(packet.Answers, parsed.Answers);
    }

    [Theory]
    [InlineData(103)]
    [InlineData(1105)]
    public void From_bytes_rejects_lengths_outside_104_to_1104(int length) =>
        Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromBytes(new byte[length]));

    [Fact]
    public void From_bytes_rejects_a_key_that_is_not_a_curve_point()
    {
        var bytes = RawSigned(Signer, 1, EmptyDns);
        var notAPoint = Enumerable.Range(0, 256).Select(i => Enumerable.Repeat((byte)i, 32).ToArray()).First(b => !PublicKey.TryFromBytes(b, out _));
        notAPoint.CopyTo(bytes, 0);

        var error = Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromBytes(bytes));
        Assert.Contains("public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_bytes_rejects_a_signature_that_does_not_verify()
    {
        var bytes = RawSigned(Signer, 1, EmptyDns);
        bytes[40] ^= 1;

        var error = Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromBytes(bytes));
        Assert.Contains("signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_bytes_rejects_validly_signed_bytes_that_are_not_dns()
    {
        var error = Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromBytes(RawSigned(Signer, 1, [1, 2, 3])));
        Assert.Contains("DNS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_bytes_rejects_an_empty_dns_message() =>
        Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromBytes(RawSigned(Signer, 1, [])));

    [Fact]
    public void Relay_payload_is_the_packet_without_its_key_and_reads_back()
    {
        var packet = SignedPacket.Create(Signer, [LoopbackA]);

        var payload = packet.ToRelayPayload();

        Assert.Equal(packet.Bytes[32..].ToArray(), payload);
        Assert.Equal(packet.Bytes.ToArray(), SignedPacket.FromRelayPayload(Signer.PublicKey, payload).Bytes.ToArray());
    }

    [Theory]
    [InlineData(71)]
    [InlineData(1073)]
    public void Relay_payload_lengths_outside_72_to_1072_are_rejected(int length) =>
        Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromRelayPayload(Signer.PublicKey, new byte[length]));

    [Fact]
    public void Relay_payload_for_another_key_is_rejected() =>
        Assert.Throws<SignedPacketFormatException>(() =>
            SignedPacket.FromRelayPayload(TestKeys.Homeserver.PublicKey, SignedPacket.Create(Signer, [LoopbackA]).ToRelayPayload()));

    [Fact]
    public void Larger_timestamp_is_more_recent()
    {
        var older = Signed(Signer, 10, EmptyDns);
        var newer = Signed(Signer, 11, EmptyDns);

        Assert.True(newer.MoreRecentThan(older));
        Assert.False(older.MoreRecentThan(newer));
    }

    [Fact]
    public void Equal_timestamps_prefer_the_lexicographically_larger_dns()
    {
        var smaller = Signed(Signer, 10, EmptyDns);
        var larger = Signed(Signer, 10, DnsPacketCodec.Encode([LoopbackA with { Name = Signer.PublicKey.Z32 }]));

        Assert.True(larger.MoreRecentThan(smaller));
        Assert.False(smaller.MoreRecentThan(larger));
        Assert.False(smaller.MoreRecentThan(smaller));
    }

    [Fact]
    public void Ttl_is_the_smallest_answer_ttl()
    {
        var packet = SignedPacket.Create(Signer, [LoopbackA with { Ttl = 4000 }, LoopbackA with { Ttl = 1000 }]);

        Assert.Equal(1000u, packet.Ttl());
    }

    [Theory]
    [InlineData(10u, 300u)]
    [InlineData(1_000_000u, 86_400u)]
    public void Ttl_is_clamped_to_the_default_bounds(uint recordTtl, uint expected) =>
        Assert.Equal(expected, SignedPacket.Create(Signer, [LoopbackA with { Ttl = recordTtl }]).Ttl());

    [Fact]
    public void Ttl_of_a_packet_without_answers_is_the_minimum() =>
        Assert.Equal(120u, Signed(Signer, 1, EmptyDns).Ttl(min: 120, max: 600));

    [Fact]
    public void Expiry_counts_from_when_the_packet_was_last_seen_not_from_its_timestamp()
    {
        var packet = Signed(Signer, 1, DnsPacketCodec.Encode([LoopbackA with { Name = Signer.PublicKey.Z32, Ttl = 600 }]));
        var lastSeen = WatchedTime.DefaultStart;

        Assert.Equal(600u, packet.ExpiresIn(lastSeen, lastSeen));
        Assert.Equal(100u, packet.ExpiresIn(lastSeen, lastSeen.AddSeconds(500)));
        Assert.False(packet.IsExpired(lastSeen, lastSeen.AddSeconds(599)));
        Assert.True(packet.IsExpired(lastSeen, lastSeen.AddSeconds(600)));
        Assert.True(packet.IsExpired(lastSeen, lastSeen.AddDays(2)));
    }

    [Fact]
    public void Bep44_mapping_exposes_k_seq_sig_v_and_reads_back()
    {
        var packet = SignedPacket.Create(Signer, [LoopbackA]);

        var item = packet.ToBep44();

        Assert.Equal(Signer.PublicKey.Bytes.ToArray(), item.K.ToArray());
        Assert.Equal((long)packet.Timestamp, item.Seq);
        Assert.Equal(packet.Signature.ToArray(), item.Sig.ToArray());
        Assert.Equal(packet.Dns.ToArray(), item.V.ToArray());
        Assert.Equal(packet.Bytes.ToArray(), SignedPacket.FromBep44(item).Bytes.ToArray());
    }

    [Fact]
    public void Target_is_sha1_of_the_public_key() =>
        Assert.Equal(SHA1.HashData(Signer.PublicKey.Bytes), SignedPacket.Create(Signer, [LoopbackA]).Target());

    [Fact]
    public void Bep44_item_with_negative_seq_is_rejected() =>
        Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromBep44(new Bep44MutableItem(Signer.PublicKey.Bytes.ToArray(), -1, new byte[64], EmptyDns)));

    [Fact]
    public void Records_at_a_relative_name_are_found()
    {
        var packet = SignedPacket.Create(Signer, [LoopbackA, LoopbackA with { Name = "_pubky" }]);

        Assert.Equal("_pubky." + Signer.PublicKey.Z32, Assert.Single(packet.RecordsAt("_pubky")).Name);
    }
}
