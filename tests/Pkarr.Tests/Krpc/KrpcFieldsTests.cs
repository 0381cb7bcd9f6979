using System.Net;
using Pubky.Pkarr.Bencode;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Tests.Krpc;

public sealed class KrpcFieldsTests
{
    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    public void Signature_of_the_wrong_length_is_rejected(int length)
    {
        var body = new BencodeDictionary { { "sig", new byte[length] } };

        Assert.Throws<KrpcFormatException>(() => KrpcFields.RequireBytes(body, "sig", 64));
    }

    [Fact]
    public void Compact_nodes_that_are_not_26_byte_entries_are_rejected()
    {
        var body = new BencodeDictionary { { "nodes", new byte[27] } };

        Assert.Throws<KrpcFormatException>(() => KrpcFields.Nodes(body));
    }

    [Fact]
    public void Missing_nodes_read_as_empty()
    {
        Assert.Empty(KrpcFields.Nodes(new BencodeDictionary()));
    }

    [Fact]
    public void Compact_peer_is_address_then_big_endian_port()
    {
        Assert.Equal(TestBytes.Hex("01020304 0201"), CompactFormats.EncodeEndPoint(new IPEndPoint(IPAddress.Parse("1.2.3.4"), 513)));
    }

    [Fact]
    public void Ipv6_contacts_are_skipped_when_encoding_nodes()
    {
        var contacts = new[]
        {
            new NodeContact(NodeId.Random(), new IPEndPoint(IPAddress.IPv6Loopback, 1)),
            new NodeContact(NodeId.Random(), new IPEndPoint(IPAddress.Loopback, 2)),
        };

        Assert.Equal(CompactFormats.NodeLength, CompactFormats.EncodeNodes(contacts).Length);
    }
}
