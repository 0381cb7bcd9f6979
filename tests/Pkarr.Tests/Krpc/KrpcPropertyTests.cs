using System.Net;
using FsCheck;
using FsCheck.Xunit;
using Pubky.Pkarr.Bencode;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Tests.Krpc;

public sealed class KrpcPropertyTests
{
    [Property]
    public bool Any_query_decodes_to_what_was_encoded(byte[] transactionId, NonEmptyString name, byte[] idSeed, bool readOnly)
    {
        var id = NodeId.FromBytes(System.Security.Cryptography.SHA1.HashData(idSeed));
        var query = KrpcMessage.Query(transactionId, name.Get, new BencodeDictionary { { "id", id.Bytes.ToArray() } }, readOnly);

        var decoded = KrpcMessage.Decode(query.Encode());

        return decoded.TransactionId.AsSpan().SequenceEqual(transactionId)
            && decoded.QueryName == name.Get
            && decoded.SenderId!.Equals(id)
            && decoded.ReadOnly == readOnly;
    }

    [Property]
    public bool Compact_nodes_decode_to_what_was_encoded(byte[][] idSeeds, uint[] addresses, ushort[] ports)
    {
        var contacts = idSeeds.Zip(addresses, ports)
            .Select(t => new NodeContact(
                NodeId.FromBytes(System.Security.Cryptography.SHA1.HashData(t.First)),
                new IPEndPoint(new IPAddress(BitConverter.GetBytes(t.Second)), t.Third)))
            .ToList();

        var decoded = CompactFormats.DecodeNodes(CompactFormats.EncodeNodes(contacts));

        return decoded.SequenceEqual(contacts);
    }

    [Property]
    public void Random_datagrams_decode_or_throw_only_the_typed_exception(byte[] datagram)
    {
        try
        {
            KrpcMessage.Decode(datagram);
        }
        catch (KrpcFormatException)
        {
        }
    }
}
