using FsCheck.Xunit;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Tests.Dns;

namespace Pubky.Pkarr.Tests.Packets;

public sealed class SignedPacketPropertyTests
{
    [Property(Arbitrary = [typeof(DnsGenerators)], MaxTest = 50)]
    public void Packet_bytes_read_back_to_the_same_packet(DnsRecord[] records)
    {
        if (TryCreate(records) is not { } packet)
        {
            return;
        }
        var parsed = SignedPacket.FromBytes(packet.Bytes);

        Assert.Equal(packet.Bytes.ToArray(), parsed.Bytes.ToArray());
        Assert.Equal(packet.Answers, parsed.Answers);
    }

    [Property(Arbitrary = [typeof(DnsGenerators)], MaxTest = 50)]
    public void Relay_payload_reads_back_to_the_same_packet(DnsRecord[] records)
    {
        if (TryCreate(records) is not { } packet)
        {
            return;
        }
        Assert.Equal(packet.Bytes.ToArray(), SignedPacket.FromRelayPayload(packet.PublicKey, packet.ToRelayPayload()).Bytes.ToArray());
    }

    [Property]
    public void Random_bytes_only_ever_throw_the_typed_exception(byte[] input)
    {
        Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromBytes(input));
        Assert.Throws<SignedPacketFormatException>(() => SignedPacket.FromRelayPayload(TestKeys.User.PublicKey, input));
    }

    [Property]
    public void Validly_signed_random_dns_is_accepted_or_rejected_with_the_typed_exception(byte[] dns, ulong timestamp)
    {
        var bytes = PacketFixtures.RawSigned(TestKeys.User, timestamp, dns);
        try
        {
            SignedPacket.FromBytes(bytes);
        }
        catch (SignedPacketFormatException)
        {
        }
    }

    private static SignedPacket? TryCreate(DnsRecord[] records)
    {
        try
        {
            return SignedPacket.Create(TestKeys.User, records);
        }
        catch (DnsPacketTooLargeException)
        {
            return null;
        }
    }
}
