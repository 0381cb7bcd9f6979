using System.Text;

namespace Pubky.Pkarr.Dns;

/// <summary>TXT RDATA: a sequence of character-strings of up to 255 bytes each.</summary>
public sealed class TxtRecordData : DnsRecordData
{
    private const int MaxStringLength = 255;

    public TxtRecordData(IEnumerable<byte[]> strings)
    {
        Strings = strings.Select(s => s.Length <= MaxStringLength
            ? s.ToArray()
            : throw new DnsFormatException($"A TXT character-string is at most {MaxStringLength} bytes, not {s.Length}.")).ToArray();
    }

    /// <summary>Each text becomes one UTF-8 character-string.</summary>
    public TxtRecordData(params string[] texts)
        : this(texts.Select(Encoding.UTF8.GetBytes))
    {
    }

    public IReadOnlyList<byte[]> Strings { get; }

    public override DnsRecordType Type => DnsRecordType.Txt;

    public override string ToString() =>
        string.Join(' ', Strings.Select(s => "\"" + Encoding.UTF8.GetString(s) + "\""));

    internal override void Write(DnsWriter writer)
    {
        foreach (var s in Strings)
        {
            writer.WriteByte((byte)s.Length);
            writer.WriteBytes(s);
        }
    }

    internal static TxtRecordData Read(ref DnsReader reader)
    {
        var strings = new List<byte[]>();
        while (reader.Remaining > 0)
        {
            strings.Add(reader.ReadBytes(reader.ReadByte()).ToArray());
        }
        return new TxtRecordData(strings);
    }
}
