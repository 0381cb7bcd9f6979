using System.Text;

namespace Pubky.Pkarr.Dns;

/// <summary>
/// Converts between dotted presentation names and wire labels. Presentation uses RFC 1035 escapes (<c>\.</c>,
/// <c>\\</c>, <c>\DDD</c>) so that any label bytes read from the wire survive a round trip through a string.
/// </summary>
internal static class DnsName
{
    public const int MaxLabelLength = 63;
    public const int MaxWireLength = 255;
    public const string Root = ".";

    public static List<byte[]> Parse(string name)
    {
        var labels = new List<byte[]>();
        if (name is "" or Root)
        {
            return labels;
        }
        var bytes = Encoding.UTF8.GetBytes(name);
        var label = new List<byte>();
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == (byte)'.')
            {
                if (label.Count == 0)
                {
                    throw new DnsFormatException($"Name '{name}' has an empty label.");
                }
                labels.Add(FinishLabel(name, label));
            }
            else if (b == (byte)'\\')
            {
                if (i + 1 >= bytes.Length)
                {
                    throw new DnsFormatException($"Name '{name}' ends with a lone backslash.");
                }
                if (i + 3 < bytes.Length && IsDigit(bytes[i + 1]) && IsDigit(bytes[i + 2]) && IsDigit(bytes[i + 3]))
                {
                    var value = (bytes[i + 1] - '0') * 100 + (bytes[i + 2] - '0') * 10 + (bytes[i + 3] - '0');
                    if (value > byte.MaxValue)
                    {
                        throw new DnsFormatException($"Name '{name}' has an escape above \\255.");
                    }
                    label.Add((byte)value);
                    i += 3;
                }
                else
                {
                    label.Add(bytes[++i]);
                }
            }
            else
            {
                label.Add(b);
            }
        }
        if (label.Count > 0)
        {
            labels.Add(FinishLabel(name, label));
        }
        if (labels.Sum(l => l.Length + 1) + 1 > MaxWireLength)
        {
            throw new DnsFormatException($"Name '{name}' is longer than {MaxWireLength} bytes on the wire.");
        }
        return labels;
    }

    /// <summary>Formats <paramref name="labels"/> from <paramref name="start"/> on; the root is <c>"."</c>.</summary>
    public static string Format(IReadOnlyList<byte[]> labels, int start = 0)
    {
        if (start >= labels.Count)
        {
            return Root;
        }
        var text = new StringBuilder();
        for (var i = start; i < labels.Count; i++)
        {
            if (i > start)
            {
                text.Append('.');
            }
            foreach (var b in labels[i])
            {
                if (b is (byte)'.' or (byte)'\\')
                {
                    text.Append('\\').Append((char)b);
                }
                else if (b is > 0x20 and < 0x7f)
                {
                    text.Append((char)b);
                }
                else
                {
                    text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        return text.ToString();
    }

    private static byte[] FinishLabel(string name, List<byte> label)
    {
        if (label.Count > MaxLabelLength)
        {
            throw new DnsFormatException($"Name '{name}' has a label longer than {MaxLabelLength} bytes.");
        }
        var bytes = label.ToArray();
        label.Clear();
        return bytes;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
