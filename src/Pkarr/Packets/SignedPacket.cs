using System.Buffers.Binary;
using Pubky.Pkarr.Dns;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Packets;

/// <summary>
/// A pkarr signed packet: <c>public key(32) ‖ signature(64) ‖ timestamp(8, big-endian µs) ‖ DNS message</c>, the
/// signature covering the BEP44 signable of (timestamp, DNS). Every instance has been verified, so holders can trust
/// <see cref="PublicKey"/>, <see cref="Timestamp"/> and <see cref="Answers"/> without checking again.
/// </summary>
public sealed class SignedPacket
{
    public const int HeaderLength = PublicKey.Length + Signatures.Length + TimestampLength;
    public const int MinLength = HeaderLength;
    public const int MaxLength = HeaderLength + DnsPacketCodec.MaxLength;

    /// <summary>The relay HTTP body drops the key, which travels in the URL path.</summary>
    public const int MinRelayPayloadLength = MinLength - PublicKey.Length;
    public const int MaxRelayPayloadLength = MaxLength - PublicKey.Length;

    /// <summary>pkarr's default cache bounds for <see cref="Ttl"/>, in seconds.</summary>
    public const uint DefaultMinTtl = 300;
    public const uint DefaultMaxTtl = 86_400;

    private const int TimestampLength = 8;
    private const int SignatureOffset = PublicKey.Length;
    private const int TimestampOffset = SignatureOffset + Signatures.Length;

    private readonly byte[] _bytes;

    private SignedPacket(byte[] bytes, PublicKey publicKey, IReadOnlyList<DnsRecord> answers)
    {
        _bytes = bytes;
        PublicKey = publicKey;
        Answers = answers;
    }

    public PublicKey PublicKey { get; }

    /// <summary>Microseconds since the Unix epoch, chosen by the signer; it is the packet's version (BEP44 <c>seq</c>).</summary>
    public ulong Timestamp => BinaryPrimitives.ReadUInt64BigEndian(_bytes.AsSpan(TimestampOffset, TimestampLength));

    public ReadOnlySpan<byte> Signature => _bytes.AsSpan(SignatureOffset, Signatures.Length);

    /// <summary>The encoded DNS message exactly as signed (BEP44 <c>v</c>).</summary>
    public ReadOnlySpan<byte> Dns => _bytes.AsSpan(HeaderLength);

    /// <summary>The whole packet, key first: the form caches and storage keep.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    public IReadOnlyList<DnsRecord> Answers { get; }

    /// <summary>
    /// Signs <paramref name="records"/> with names made relative to the key (<see cref="PkarrNames"/>) and a timestamp
    /// that is strictly greater than any this process issued before for the same key.
    /// </summary>
    /// <exception cref="DnsPacketTooLargeException">The records do not fit in 1000 bytes.</exception>
    public static SignedPacket Create(Keypair keypair, IEnumerable<DnsRecord> records, TimeProvider? time = null)
    {
        var key = keypair.PublicKey;
        var normalised = records.Select(r => r with { Name = PkarrNames.Normalize(r.Name, key) }).ToArray();
        var dns = DnsPacketCodec.Encode(normalised);
        var timestamp = PacketTimestamps.Next(key, time ?? TimeProvider.System);
        var bytes = Assemble(key.Bytes, default, timestamp, dns);
        keypair.Sign(Bep44.Signable(timestamp, dns), bytes.AsSpan(SignatureOffset, Signatures.Length));
        return new SignedPacket(bytes, key, DnsPacketCodec.DecodeAnswers(dns));
    }

    /// <exception cref="SignedPacketFormatException">Wrong length, invalid key, bad signature or unreadable DNS.</exception>
    public static SignedPacket FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is < MinLength or > MaxLength)
        {
            throw new SignedPacketFormatException(
                $"A signed packet is {MinLength} to {MaxLength} bytes; got {bytes.Length}.");
        }
        return Verify(
            bytes[..PublicKey.Length],
            bytes.Slice(SignatureOffset, Signatures.Length),
            BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(TimestampOffset, TimestampLength)),
            bytes[HeaderLength..]);
    }

    /// <summary>Reads a relay body (<c>sig ‖ timestamp ‖ dns</c>) for the key named in the relay URL.</summary>
    /// <exception cref="SignedPacketFormatException">Wrong length, bad signature or unreadable DNS.</exception>
    public static SignedPacket FromRelayPayload(PublicKey publicKey, ReadOnlySpan<byte> payload)
    {
        if (payload.Length is < MinRelayPayloadLength or > MaxRelayPayloadLength)
        {
            throw new SignedPacketFormatException(
                $"A relay payload is {MinRelayPayloadLength} to {MaxRelayPayloadLength} bytes; got {payload.Length}.");
        }
        const int timestampAt = Signatures.Length;
        return Verify(
            publicKey.Bytes,
            payload[..Signatures.Length],
            BinaryPrimitives.ReadUInt64BigEndian(payload.Slice(timestampAt, TimestampLength)),
            payload[(timestampAt + TimestampLength)..]);
    }

    /// <summary>Reads a mutable item from a DHT answer. Checking that <c>k</c> is the key asked for is the caller's job.</summary>
    /// <exception cref="SignedPacketFormatException">Field sizes, key, signature or DNS are invalid.</exception>
    public static SignedPacket FromBep44(Bep44MutableItem item)
    {
        if (item.Seq < 0)
        {
            throw new SignedPacketFormatException($"BEP44 seq {item.Seq} is negative; pkarr timestamps are not.");
        }
        if (item.Sig.Length != Signatures.Length)
        {
            throw new SignedPacketFormatException($"BEP44 sig is {Signatures.Length} bytes; got {item.Sig.Length}.");
        }
        if (item.V.Length > DnsPacketCodec.MaxLength)
        {
            throw new SignedPacketFormatException($"BEP44 v is at most {DnsPacketCodec.MaxLength} bytes; got {item.V.Length}.");
        }
        return Verify(item.K.Span, item.Sig.Span, (ulong)item.Seq, item.V.Span);
    }

    /// <summary>The HTTP relay body: this packet without its leading public key.</summary>
    public byte[] ToRelayPayload() => _bytes[PublicKey.Length..];

    /// <exception cref="InvalidOperationException">The timestamp does not fit BEP44's signed 64-bit <c>seq</c>.</exception>
    public Bep44MutableItem ToBep44() => new(
        _bytes.AsMemory(0, PublicKey.Length),
        Timestamp <= long.MaxValue
            ? (long)Timestamp
            : throw new InvalidOperationException($"Timestamp {Timestamp} does not fit a BEP44 seq."),
        _bytes.AsMemory(SignatureOffset, Signatures.Length),
        _bytes.AsMemory(HeaderLength));

    /// <summary>The DHT target this packet is stored under: <c>sha1(public key)</c>.</summary>
    public byte[] Target() => Bep44.Target(PublicKey);

    /// <summary>
    /// Whether this packet supersedes <paramref name="other"/> (same key assumed): the larger timestamp wins, and on a
    /// tie the lexicographically larger DNS bytes win, so every node settles on the same packet.
    /// </summary>
    public bool MoreRecentThan(SignedPacket other) =>
        Timestamp != other.Timestamp ? Timestamp > other.Timestamp : Dns.SequenceCompareTo(other.Dns) > 0;

    /// <summary>How long to cache this packet: the smallest answer TTL clamped to [min, max]; no answers gives min.</summary>
    public uint Ttl(uint min = DefaultMinTtl, uint max = DefaultMaxTtl) =>
        Answers.Count == 0 ? min : Math.Clamp(Answers.Min(a => a.Ttl), min, max);

    /// <summary>
    /// Seconds left before a cached copy should be refreshed, counted from when this node last saw the packet
    /// (<paramref name="lastSeen"/>), never from the signer's timestamp, so republished old packets stay fresh.
    /// </summary>
    public uint ExpiresIn(DateTimeOffset lastSeen, DateTimeOffset now, uint min = DefaultMinTtl, uint max = DefaultMaxTtl)
    {
        var elapsed = now > lastSeen ? (ulong)(now - lastSeen).TotalSeconds : 0;
        var ttl = Ttl(min, max);
        return elapsed < ttl ? ttl - (uint)elapsed : 0;
    }

    public bool IsExpired(DateTimeOffset lastSeen, DateTimeOffset now, uint min = DefaultMinTtl, uint max = DefaultMaxTtl) =>
        ExpiresIn(lastSeen, now, min, max) == 0;

    /// <summary>Answers at <paramref name="name"/>, normalised to this packet's key first (<c>"_pubky"</c> works).</summary>
    public IEnumerable<DnsRecord> RecordsAt(string name)
    {
        var normalised = PkarrNames.Normalize(name, PublicKey);
        return Answers.Where(a => string.Equals(a.Name, normalised, StringComparison.OrdinalIgnoreCase));
    }

    public override string ToString() =>
        $"SignedPacket({PublicKey.Z32}, timestamp {Timestamp}, {Answers.Count} answers)";

    /// <summary>The one verification path: key point, signature over the signable, then DNS parse.</summary>
    private static SignedPacket Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> signature, ulong timestamp, ReadOnlySpan<byte> dns)
    {
        if (!PublicKey.TryFromBytes(key, out var publicKey))
        {
            throw new SignedPacketFormatException("The packet's public key is not a valid Ed25519 point.");
        }
        if (!publicKey.Verify(Bep44.Signable(timestamp, dns), signature))
        {
            throw new SignedPacketFormatException($"The packet's signature does not verify for {publicKey.Z32}.");
        }
        IReadOnlyList<DnsRecord> answers;
        try
        {
            answers = DnsPacketCodec.DecodeAnswers(dns);
        }
        catch (DnsFormatException e)
        {
            throw new SignedPacketFormatException($"The packet's DNS message is invalid: {e.Message}");
        }
        return new SignedPacket(Assemble(key, signature, timestamp, dns), publicKey, answers);
    }

    private static byte[] Assemble(ReadOnlySpan<byte> key, ReadOnlySpan<byte> signature, ulong timestamp, ReadOnlySpan<byte> dns)
    {
        var bytes = new byte[HeaderLength + dns.Length];
        key.CopyTo(bytes);
        signature.CopyTo(bytes.AsSpan(SignatureOffset));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(TimestampOffset), timestamp);
        dns.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }
}
