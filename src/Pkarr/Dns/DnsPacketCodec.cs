namespace Pubky.Pkarr.Dns;

/// <summary>
/// Reads and writes the DNS messages inside pkarr signed packets. Writes what Rust pkarr writes: an answer-only reply
/// (id 0, flags 0x8000 = QR, no question, no EDNS) with compressed owner names; reads any message, following
/// compression pointers, and returns its answers.
/// </summary>
public static class DnsPacketCodec
{
    /// <summary>BEP44 limits <c>v</c> to 1000 bytes, so a pkarr DNS packet must fit in that after compression.</summary>
    public const int MaxLength = 1000;

    private const int HeaderLength = 12;
    private const ushort ReplyFlags = 0x8000;

    /// <exception cref="DnsPacketTooLargeException">The encoded message is over <see cref="MaxLength"/> bytes.</exception>
    /// <exception cref="DnsFormatException">A name cannot be encoded.</exception>
    public static byte[] Encode(IEnumerable<DnsRecord> answers)
    {
        var writer = new DnsWriter(compress: true);
        writer.WriteUInt16(0);
        writer.WriteUInt16(ReplyFlags);
        writer.WriteUInt16(0);
        writer.WriteUInt16(0); // ANCOUNT, patched below
        writer.WriteUInt16(0);
        writer.WriteUInt16(0);
        var count = 0;
        foreach (var record in answers)
        {
            writer.WriteName(record.Name, allowCompression: true);
            writer.WriteUInt16((ushort)record.Type);
            writer.WriteUInt16(record.Class);
            writer.WriteUInt32(record.Ttl);
            var lengthOffset = writer.Length;
            writer.WriteUInt16(0);
            record.Data.Write(writer);
            var dataLength = writer.Length - lengthOffset - 2;
            if (dataLength > ushort.MaxValue)
            {
                throw new DnsFormatException($"RDATA of {record.Name} is {dataLength} bytes; DNS allows at most {ushort.MaxValue}.");
            }
            writer.PatchUInt16(lengthOffset, (ushort)dataLength);
            count++;
        }
        if (writer.Length > MaxLength)
        {
            throw new DnsPacketTooLargeException(writer.Length);
        }
        writer.PatchUInt16(6, (ushort)count);
        return writer.Written.ToArray();
    }

    /// <summary>
    /// Reads every section (question, answer, authority, additional) so a malformed record anywhere is rejected, and
    /// returns the answers, which are the only records pkarr defines. Bytes after the last record are ignored.
    /// </summary>
    /// <exception cref="DnsFormatException">The bytes are not a DNS message this codec can read.</exception>
    public static IReadOnlyList<DnsRecord> DecodeAnswers(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxLength)
        {
            throw new DnsPacketTooLargeException(message.Length);
        }
        if (message.Length < HeaderLength)
        {
            throw new DnsFormatException($"A DNS message has a {HeaderLength}-byte header; got {message.Length} bytes.");
        }
        var reader = new DnsReader(message);
        reader.ReadBytes(4); // id and flags: any value is accepted
        var questions = reader.ReadUInt16();
        var answerCount = reader.ReadUInt16();
        var otherCount = reader.ReadUInt16() + reader.ReadUInt16();
        for (var i = 0; i < questions; i++)
        {
            reader.ReadName();
            reader.ReadBytes(4); // QTYPE, QCLASS
        }
        var answers = new List<DnsRecord>(Math.Min((int)answerCount, MaxLength / 11));
        for (var i = 0; i < answerCount; i++)
        {
            answers.Add(ReadRecord(ref reader));
        }
        for (var i = 0; i < otherCount; i++)
        {
            ReadRecord(ref reader);
        }
        return answers;
    }

    private static DnsRecord ReadRecord(ref DnsReader reader)
    {
        var name = reader.ReadName();
        var type = (DnsRecordType)reader.ReadUInt16();
        var recordClass = reader.ReadUInt16();
        var ttl = reader.ReadUInt32();
        var dataLength = reader.ReadUInt16();
        if (dataLength > reader.Remaining)
        {
            throw new DnsFormatException($"RDATA of {name} claims {dataLength} bytes; only {reader.Remaining} remain.");
        }
        var end = reader.End;
        reader.End = reader.Position + dataLength;
        var data = DnsRecordData.ReadAny(type, ref reader);
        if (reader.Remaining != 0)
        {
            throw new DnsFormatException($"RDATA of {name} has {reader.Remaining} unread bytes.");
        }
        reader.End = end;
        return new DnsRecord(name, ttl, data) { Class = recordClass };
    }
}
