using System.Net;
using Pubky.Pkarr.Bencode;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Tests.Krpc;

public sealed class KrpcMessageTests
{
    private static readonly NodeId SenderId = NodeId.FromBytes(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());

    private static BencodeDictionary IdOnly() => new() { { "id", SenderId.Bytes.ToArray() } };

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Query_round_trips_with_the_configured_transaction_id_length(int length)
    {
        var tid = Enumerable.Range(0xA0, length).Select(i => (byte)i).ToArray();

        var decoded = KrpcMessage.Decode(KrpcMessage.Query(tid, KrpcQueries.Ping, IdOnly()).Encode());

        Assert.Equal(KrpcMessageKind.Query, decoded.Kind);
        Assert.Equal(tid, decoded.TransactionId);
        Assert.Equal(KrpcQueries.Ping, decoded.QueryName);
        Assert.Equal(SenderId, decoded.SenderId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(9)]
    public void Inbound_transaction_ids_of_any_length_are_accepted(int length)
    {
        var datagram = TestBytes.Concat(
            TestBytes.Ascii("d1:ad2:id20:"), SenderId.Bytes.ToArray(), TestBytes.Ascii($"e1:q4:ping1:t{length}:"),
            new byte[length], TestBytes.Ascii("1:y1:qe"));

        Assert.Equal(length, KrpcMessage.Decode(datagram).TransactionId.Length);
    }

    [Fact]
    public void Ping_query_encodes_to_the_bep5_example_layout()
    {
        var encoded = KrpcMessage.Query(TestBytes.Ascii("aa"), KrpcQueries.Ping, IdOnly()).Encode();

        Assert.Equal(
            TestBytes.Concat(TestBytes.Ascii("d1:ad2:id20:"), SenderId.Bytes.ToArray(), TestBytes.Ascii("e1:q4:ping1:t2:aa1:y1:qe")),
            encoded);
    }

    [Fact]
    public void Read_only_flag_is_written_as_ro_1_and_read_back()
    {
        var encoded = KrpcMessage.Query([1, 2], KrpcQueries.Ping, IdOnly(), readOnly: true).Encode();

        Assert.Contains("2:roi1e", System.Text.Encoding.ASCII.GetString(encoded), StringComparison.Ordinal);
        Assert.True(KrpcMessage.Decode(encoded).ReadOnly);
    }

    [Fact]
    public void Response_carries_the_requester_ipv4_endpoint_as_six_bytes()
    {
        var requester = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 6881);

        var decoded = KrpcMessage.Decode(KrpcMessage.Response([9, 9], IdOnly(), requester).Encode());

        Assert.Equal(requester, decoded.RequesterEndPoint);
        Assert.False(decoded.ReadOnly);
    }

    [Fact]
    public void Ipv6_requester_is_not_written_because_strict_peers_reject_an_18_byte_ip()
    {
        var encoded = KrpcMessage.Response([9, 9], IdOnly(), new IPEndPoint(IPAddress.IPv6Loopback, 1)).Encode();

        Assert.DoesNotContain("2:ip", System.Text.Encoding.ASCII.GetString(encoded), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_message_round_trips_code_and_text()
    {
        var decoded = KrpcMessage.Decode(KrpcMessage.ErrorReply([7, 7], KrpcErrorCodes.SequenceTooLow, "too low").Encode());

        Assert.Equal(KrpcMessageKind.Error, decoded.Kind);
        Assert.Equal(new KrpcError(302, "too low"), decoded.Error);
    }

    [Fact]
    public void Unknown_keys_are_ignored()
    {
        var datagram = TestBytes.Concat(
            TestBytes.Ascii("d1:ad2:id20:"), SenderId.Bytes.ToArray(), TestBytes.Ascii("5:zzzzzi3ee1:q4:ping1:t2:aa3:xyz3:abc1:y1:qe"));

        Assert.Equal(KrpcQueries.Ping, KrpcMessage.Decode(datagram).QueryName);
    }

    [Fact]
    public void Malformed_ip_field_is_ignored_rather_than_dropping_the_message()
    {
        var datagram = TestBytes.Concat(
            TestBytes.Ascii("d2:ip3:abc1:rd2:id20:"), SenderId.Bytes.ToArray(), TestBytes.Ascii("e1:t2:aa1:y1:re"));

        var decoded = KrpcMessage.Decode(datagram);

        Assert.Equal(KrpcMessageKind.Response, decoded.Kind);
        Assert.Null(decoded.RequesterEndPoint);
    }

    [Fact]
    public void Version_is_carried_opaquely()
    {
        var decoded = KrpcMessage.Decode(KrpcMessage.Query([1, 1], KrpcQueries.Ping, IdOnly(), version: [(byte)'R', (byte)'S', 0, 5]).Encode());

        Assert.Equal(new byte[] { (byte)'R', (byte)'S', 0, 5 }, decoded.Version);
    }

    [Theory]
    [InlineData("d1:ad2:id3:abce1:q4:ping1:t2:aa1:y1:qe")]
    [InlineData("d1:q4:ping1:t2:aa1:y1:qe")]
    [InlineData("d1:t2:aa1:y1:xe")]
    [InlineData("d1:y1:qe")]
    [InlineData("li1ee")]
    [InlineData("d1:e")]
    public void Malformed_envelopes_are_rejected_with_the_typed_exception(string datagram)
    {
        Assert.Throws<KrpcFormatException>(() => KrpcMessage.Decode(TestBytes.Ascii(datagram)));
    }

    [Fact]
    public void Error_without_integer_code_is_rejected()
    {
        Assert.Throws<KrpcFormatException>(() => KrpcMessage.Decode(TestBytes.Ascii("d1:el3:abce1:t2:aa1:y1:ee")));
    }
}
