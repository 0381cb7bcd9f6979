using System.Net;
using System.Net.Sockets;
using System.Text;
using Pubky.Pkarr.Bencode;

namespace Pubky.Pkarr.Krpc;

/// <summary>
/// One KRPC message (BEP 5): the envelope (<c>t</c>, <c>y</c>, <c>v</c>, <c>ro</c>, <c>ip</c>) decoded strictly, and the
/// query arguments or response body kept as a dictionary so unknown keys from other implementations do no harm.
/// Field-level checks for what a handler needs live in <see cref="KrpcFields"/>.
/// </summary>
public sealed class KrpcMessage
{
    /// <summary>BEP 42's <c>ip</c> field is 6 bytes for IPv4; an IPv6 form exists but strict peers reject it.</summary>
    private const int Ipv6CompactLength = 18;

    private KrpcMessage(byte[] transactionId, KrpcMessageKind kind)
    {
        TransactionId = transactionId;
        Kind = kind;
    }

    /// <summary>Opaque bytes chosen by the requester and echoed byte for byte; any length is accepted inbound.</summary>
    public byte[] TransactionId { get; }

    public KrpcMessageKind Kind { get; }

    /// <summary>The <c>q</c> of a query; null otherwise.</summary>
    public string? QueryName { get; private init; }

    /// <summary>The <c>a</c> dictionary of a query or the <c>r</c> dictionary of a response; null for errors.</summary>
    public BencodeDictionary? Body { get; private init; }

    /// <summary>The 20-byte <c>id</c> inside <see cref="Body"/>; null for errors.</summary>
    public NodeId? SenderId { get; private init; }

    public KrpcError? Error { get; private init; }

    /// <summary>The optional client version <c>v</c>.</summary>
    public byte[]? Version { get; private init; }

    /// <summary>BEP 43: the sender will not answer queries and must not enter routing tables.</summary>
    public bool ReadOnly { get; private init; }

    /// <summary>BEP 42's <c>ip</c>: the requester's address as the responder saw it.</summary>
    public IPEndPoint? RequesterEndPoint { get; private init; }

    /// <summary>A query; <paramref name="arguments"/> must already hold the sender's <c>id</c>.</summary>
    public static KrpcMessage Query(byte[] transactionId, string name, BencodeDictionary arguments, bool readOnly = false, byte[]? version = null) =>
        new(transactionId, KrpcMessageKind.Query)
        {
            QueryName = name,
            Body = arguments,
            SenderId = ReadId(arguments),
            ReadOnly = readOnly,
            Version = version,
        };

    /// <summary>A response; <paramref name="body"/> must already hold the responder's <c>id</c>.</summary>
    public static KrpcMessage Response(byte[] transactionId, BencodeDictionary body, IPEndPoint? requester = null, byte[]? version = null) =>
        new(transactionId, KrpcMessageKind.Response)
        {
            Body = body,
            SenderId = ReadId(body),
            RequesterEndPoint = requester,
            Version = version,
        };

    public static KrpcMessage ErrorReply(byte[] transactionId, int code, string message, IPEndPoint? requester = null, byte[]? version = null) =>
        new(transactionId, KrpcMessageKind.Error)
        {
            Error = new KrpcError(code, message),
            RequesterEndPoint = requester,
            Version = version,
        };

    /// <summary>Canonical bencoding. <c>ip</c> is written only for IPv4 requesters (strict peers drop any other length).</summary>
    public byte[] Encode()
    {
        var message = new BencodeDictionary { { "t", TransactionId } };
        switch (Kind)
        {
            case KrpcMessageKind.Query:
                message.Add("y", "q");
                message.Add("q", QueryName!);
                message.Add("a", Body!);
                if (ReadOnly)
                {
                    message.Add("ro", 1L);
                }
                break;
            case KrpcMessageKind.Response:
                message.Add("y", "r");
                message.Add("r", Body!);
                break;
            default:
                message.Add("y", "e");
                message.Add("e", new List<object> { Error!.Code, Encoding.UTF8.GetBytes(Error.Message) });
                break;
        }
        if (RequesterEndPoint is { AddressFamily: AddressFamily.InterNetwork } requester)
        {
            message.Add("ip", CompactFormats.EncodeEndPoint(requester));
        }
        if (Version is not null)
        {
            message.Add("v", Version);
        }
        return BencodeEncoder.Encode(message);
    }

    /// <summary>
    /// Reads a datagram. Unknown keys are ignored; a malformed optional <c>ip</c> is ignored too (it is advisory).
    /// </summary>
    /// <exception cref="KrpcFormatException">Not bencode, not a dictionary, or a required envelope field is missing or malformed.</exception>
    public static KrpcMessage Decode(ReadOnlySpan<byte> datagram)
    {
        object decoded;
        try
        {
            decoded = BencodeDecoder.Decode(datagram);
        }
        catch (BencodeFormatException e)
        {
            throw new KrpcFormatException($"Not bencode: {e.Message}");
        }
        if (decoded is not BencodeDictionary message)
        {
            throw new KrpcFormatException("A KRPC message is a bencoded dictionary.");
        }
        if (!message.TryGetBytes("t", out var transactionId))
        {
            throw new KrpcFormatException("A KRPC message needs a byte-string 't'.");
        }
        if (!message.TryGetBytes("y", out var kind))
        {
            throw new KrpcFormatException("A KRPC message needs a byte-string 'y'.");
        }
        var version = message.TryGetBytes("v", out var v) ? v : null;
        var requester = message.TryGetBytes("ip", out var ip) && ip.Length == CompactFormats.PeerLength
            ? CompactFormats.DecodeEndPoint(ip)
            : message.TryGetBytes("ip", out var ip6) && ip6.Length == Ipv6CompactLength
                ? new IPEndPoint(new IPAddress(ip6.AsSpan(0, 16)), (ip6[16] << 8) | ip6[17])
                : null;
        return kind switch
        {
            [(byte)'q'] => DecodeQuery(message, transactionId, version, requester),
            [(byte)'r'] => new KrpcMessage(transactionId, KrpcMessageKind.Response)
            {
                Body = message.TryGetDictionary("r", out var body)
                    ? body
                    : throw new KrpcFormatException("A response needs an 'r' dictionary."),
                SenderId = ReadId(body),
                Version = version,
                RequesterEndPoint = requester,
                ReadOnly = IsReadOnly(message),
            },
            [(byte)'e'] => new KrpcMessage(transactionId, KrpcMessageKind.Error)
            {
                Error = DecodeError(message),
                Version = version,
                RequesterEndPoint = requester,
            },
            _ => throw new KrpcFormatException("'y' must be 'q', 'r' or 'e'."),
        };
    }

    private static KrpcMessage DecodeQuery(BencodeDictionary message, byte[] transactionId, byte[]? version, IPEndPoint? requester)
    {
        if (!message.TryGetBytes("q", out var name))
        {
            throw new KrpcFormatException("A query needs a byte-string 'q'.");
        }
        if (!message.TryGetDictionary("a", out var arguments))
        {
            throw new KrpcFormatException("A query needs an 'a' dictionary.");
        }
        return new KrpcMessage(transactionId, KrpcMessageKind.Query)
        {
            QueryName = Encoding.UTF8.GetString(name),
            Body = arguments,
            SenderId = ReadId(arguments),
            Version = version,
            RequesterEndPoint = requester,
            ReadOnly = IsReadOnly(message),
        };
    }

    private static KrpcError DecodeError(BencodeDictionary message)
    {
        if (!message.TryGetList("e", out var error) || error.Count == 0 || error[0] is not long code)
        {
            throw new KrpcFormatException("An error message needs an 'e' list starting with an integer code.");
        }
        var text = error.Count > 1 && error[1] is byte[] bytes ? Encoding.UTF8.GetString(bytes) : "";
        return new KrpcError(code, text);
    }

    private static bool IsReadOnly(BencodeDictionary message) => message.TryGetInteger("ro", out var ro) && ro == 1;

    private static NodeId ReadId(BencodeDictionary body) =>
        NodeId.FromBytes(body.TryGetBytes("id", out var id) ? id : throw new KrpcFormatException("Missing 'id'."));
}
