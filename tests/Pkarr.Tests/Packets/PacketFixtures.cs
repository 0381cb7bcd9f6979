using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests.Packets;

/// <summary>Packets signed with a chosen timestamp and DNS bytes, for ordering and rejection tests.</summary>
internal static class PacketFixtures
{
    public static SignedPacket Signed(Keypair keypair, ulong timestamp, byte[] dns) =>
        SignedPacket.FromBep44(new Bep44MutableItem(
            keypair.PublicKey.Bytes.ToArray(), (long)timestamp, keypair.Sign(Bep44.Signable(timestamp, dns)), dns));

    /// <summary>Raw bytes in the signed-packet layout, signed correctly, whatever the DNS content.</summary>
    public static byte[] RawSigned(Keypair keypair, ulong timestamp, byte[] dns)
    {
        var ts = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(ts, timestamp);
        return TestBytes.Concat(keypair.PublicKey.Bytes.ToArray(), keypair.Sign(Bep44.Signable(timestamp, dns)), ts, dns);
    }

    public static byte[] EmptyDns => TestBytes.Hex("0000 8000 0000 0000 0000 0000");
}
