using System.Net;
using System.Security.Cryptography;
using Pubky.Pkarr.Bencode;
using Pubky.Pkarr.Krpc;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Dht;

/// <summary>
/// The answering side, modelled on mainline's src/rpc/server.rs. Replies echo <c>t</c>, carry our <c>id</c> and the
/// requester's <c>ip</c> (BEP42), and never set <c>ro</c> (BEP43; Rust ignores every reply marked read-only).
/// Client-mode nodes stay silent.
/// </summary>
public sealed partial class DhtNode
{
    /// <summary>BEP44 limits on what a storing node accepts.</summary>
    public const int MaxValueLength = 1000;

    public const int MaxSaltLength = 64;

    /// <summary>Nodes sent next to a stored value: 8 keeps a 1000-byte item plus nodes well inside one datagram.</summary>
    private const int NodesBesideValue = 8;

    private readonly BoundedLru<NodeId, StoredMutableItem> _items;
    private readonly PeerStore _peers;
    private readonly TokenIssuer _tokens;

    private async ValueTask HandleQueryAsync(KrpcMessage query, IPEndPoint from, CancellationToken cancellationToken)
    {
        if (_options.Mode == DhtMode.Client)
        {
            Counters.QueryIgnored();
            return;
        }
        KrpcMessage reply;
        try
        {
            var arguments = query.Body!;
            var body = query.QueryName switch
            {
                KrpcQueries.Ping => ReplyBody(),
                KrpcQueries.FindNode => FindNodeReply(arguments),
                KrpcQueries.GetPeers => GetPeersReply(arguments, from),
                KrpcQueries.AnnouncePeer => AnnouncePeerReply(arguments, from),
                KrpcQueries.Get => GetReply(arguments, from),
                KrpcQueries.Put => PutReply(arguments, from),
                _ => throw new KrpcQueryRejectedException(KrpcErrorCodes.MethodUnknown, "Method Unknown"),
            };
            reply = KrpcMessage.Response(query.TransactionId, body, from, _options.Version);
        }
        catch (KrpcQueryRejectedException e)
        {
            reply = KrpcMessage.ErrorReply(query.TransactionId, e.Code, e.Message, from, _options.Version);
        }
        catch (KrpcFormatException e)
        {
            reply = KrpcMessage.ErrorReply(query.TransactionId, KrpcErrorCodes.Protocol, e.Message, from, _options.Version);
        }
        // The first node of a network has nobody else to learn from, so it takes in those who come looking.
        if (_options.Bootstrap.Count == 0 && !query.ReadOnly && query.QueryName == KrpcQueries.FindNode)
        {
            RoutingTable.Seen(new NodeContact(query.SenderId!, from));
        }
        await _socket.SendAsync(reply, from, cancellationToken);
        Counters.QueryAnswered();
    }

    private BencodeDictionary ReplyBody() => new() { { "id", Id.Bytes.ToArray() } };

    private BencodeDictionary FindNodeReply(BencodeDictionary arguments)
    {
        var body = ReplyBody();
        body.Add("nodes", CompactFormats.EncodeNodes(RoutingTable.Closest(KrpcFields.RequireId(arguments, "target"))));
        return body;
    }

    private BencodeDictionary GetPeersReply(BencodeDictionary arguments, IPEndPoint from)
    {
        var infoHash = KrpcFields.RequireId(arguments, "info_hash");
        var body = ReplyBody();
        body.Add("token", _tokens.Issue(from.Address));
        var peers = _peers.PeersOf(infoHash);
        if (peers.Count > 0)
        {
            body.Add("values", peers.Select(p => (object)CompactFormats.EncodeEndPoint(p)).ToList());
        }
        else
        {
            body.Add("nodes", CompactFormats.EncodeNodes(RoutingTable.Closest(infoHash)));
        }
        return body;
    }

    private BencodeDictionary AnnouncePeerReply(BencodeDictionary arguments, IPEndPoint from)
    {
        var infoHash = KrpcFields.RequireId(arguments, "info_hash");
        RequireValidToken(arguments, from);
        var port = KrpcFields.OptionalInteger(arguments, "implied_port") == 1
            ? from.Port
            : KrpcFields.RequireInteger(arguments, "port");
        if (port is < 1 or > ushort.MaxValue)
        {
            throw new KrpcFormatException($"Port {port} is out of range.");
        }
        _peers.Announce(infoHash, new IPEndPoint(from.Address, (int)port));
        return ReplyBody();
    }

    /// <summary>
    /// Token and nearby nodes always; the held item only when the caller's optional <c>seq</c> is older than ours,
    /// otherwise just our <c>seq</c> so the caller knows it is up to date.
    /// </summary>
    private BencodeDictionary GetReply(BencodeDictionary arguments, IPEndPoint from)
    {
        var target = KrpcFields.RequireId(arguments, "target");
        var callerSeq = KrpcFields.OptionalInteger(arguments, "seq");
        var body = ReplyBody();
        body.Add("token", _tokens.Issue(from.Address));
        if (!_items.TryGet(target, out var item))
        {
            body.Add("nodes", CompactFormats.EncodeNodes(RoutingTable.Closest(target)));
            return body;
        }
        body.Add("nodes", CompactFormats.EncodeNodes(RoutingTable.Closest(target, NodesBesideValue)));
        body.Add("seq", item.Seq);
        if (callerSeq is null || item.Seq > callerSeq)
        {
            body.Add("k", item.K);
            body.Add("sig", item.Sig);
            body.Add("v", item.V);
        }
        return body;
    }

    /// <summary>
    /// Stores a mutable item after the checks of 3.7 in their order: token (203), size (205), salt (207), cas (301),
    /// seq (302), signature (206). Equal seq: an identical item just refreshes; a different value wins only if its bytes
    /// compare larger, the same tie-break <see cref="SignedPacket.MoreRecentThan"/> uses, so all nodes converge; else 302.
    /// </summary>
    private BencodeDictionary PutReply(BencodeDictionary arguments, IPEndPoint from)
    {
        RequireValidToken(arguments, from);
        var value = KrpcFields.RequireBytes(arguments, "v");
        if (value.Length > MaxValueLength)
        {
            throw new KrpcQueryRejectedException(KrpcErrorCodes.ValueTooBig, "Message (v field) too big.");
        }
        if (!arguments.TryGetValue("k", out _))
        {
            throw new KrpcQueryRejectedException(KrpcErrorCodes.Protocol, "Only mutable items (with 'k') are stored here.");
        }
        var salt = arguments.TryGetBytes("salt", out var s) ? s : [];
        if (salt.Length > MaxSaltLength)
        {
            throw new KrpcQueryRejectedException(KrpcErrorCodes.SaltTooBig, "Salt (salt field) too big.");
        }
        var k = KrpcFields.RequireBytes(arguments, "k", PublicKey.Length);
        var signature = KrpcFields.RequireBytes(arguments, "sig", Signatures.Length);
        var seq = KrpcFields.RequireInteger(arguments, "seq");
        var cas = KrpcFields.OptionalInteger(arguments, "cas");
        if (seq < 0)
        {
            throw new KrpcFormatException("'seq' must not be negative.");
        }
        var target = NodeId.FromBytes(SHA1.HashData([.. k, .. salt]));
        if (KrpcFields.OptionalBytes(arguments, "target", NodeId.Length) is { } claimed && !target.Bytes.SequenceEqual(claimed))
        {
            throw new KrpcFormatException("'target' is not sha1(k ‖ salt).");
        }
        var incoming = new StoredMutableItem(k, salt, seq, signature, value);
        if (_items.TryGet(target, out var current))
        {
            CheckOrdering(current, incoming, cas);
        }
        if (!PublicKey.TryFromBytes(k, out var key) || !key.Verify(Bep44.Signable((ulong)seq, value, salt), signature))
        {
            throw new KrpcQueryRejectedException(KrpcErrorCodes.InvalidSignature, "Invalid signature.");
        }
        // Re-check under the store's lock: another put for the same target may have landed since.
        KrpcQueryRejectedException? raced = null;
        _items.AddOrUpdate(target, held =>
        {
            try
            {
                if (held is not null)
                {
                    CheckOrdering(held, incoming, cas);
                }
                return (true, incoming);
            }
            catch (KrpcQueryRejectedException e)
            {
                raced = e;
                return (false, held);
            }
        });
        Counters.SetStoredItems(_items.Count);
        return raced is null ? ReplyBody() : throw raced;
    }

    private static void CheckOrdering(StoredMutableItem held, StoredMutableItem incoming, long? cas)
    {
        if (cas is { } expected && expected != held.Seq)
        {
            throw new KrpcQueryRejectedException(KrpcErrorCodes.CasMismatch, "CAS mismatched, re-read value and try again.");
        }
        var newer = incoming.Seq > held.Seq
            || (incoming.Seq == held.Seq && (incoming.IsIdenticalTo(held) || incoming.V.AsSpan().SequenceCompareTo(held.V) > 0));
        if (!newer)
        {
            throw new KrpcQueryRejectedException(KrpcErrorCodes.SequenceTooLow, "Sequence number less than current.");
        }
    }

    private void RequireValidToken(BencodeDictionary arguments, IPEndPoint from)
    {
        if (!_tokens.IsValid(KrpcFields.RequireBytes(arguments, "token"), from.Address))
        {
            throw new KrpcQueryRejectedException(KrpcErrorCodes.Protocol, "Bad token.");
        }
    }
}
