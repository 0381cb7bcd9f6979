using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pubky.Pkarr.Dns;

/// <summary>
/// One SVCB/HTTPS SvcParam (RFC 9460 section 7) kept as its key and raw value, so private keys such as Pubky's 65280
/// round-trip unchanged; values of the registered keys are checked once, here, for both building and decoding.
/// </summary>
public sealed class SvcParam : IEquatable<SvcParam>
{
    public const ushort MandatoryKey = 0;
    public const ushort AlpnKey = 1;
    public const ushort NoDefaultAlpnKey = 2;
    public const ushort PortKey = 3;
    public const ushort Ipv4HintKey = 4;
    public const ushort EchKey = 5;
    public const ushort Ipv6HintKey = 6;

    private readonly byte[] _value;

    public SvcParam(ushort key, ReadOnlySpan<byte> value)
    {
        Validate(key, value);
        Key = key;
        _value = value.ToArray();
    }

    public ushort Key { get; }

    public ReadOnlySpan<byte> Value => _value;

    public static SvcParam Mandatory(params ushort[] keys)
    {
        var value = new byte[keys.Length * 2];
        var sorted = keys.Order().ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(i * 2), sorted[i]);
        }
        return new SvcParam(MandatoryKey, value);
    }

    public static SvcParam Alpn(params string[] protocolIds)
    {
        var value = new List<byte>();
        foreach (var id in protocolIds)
        {
            var bytes = Encoding.UTF8.GetBytes(id);
            if (bytes.Length is 0 or > byte.MaxValue)
            {
                throw new DnsFormatException($"An ALPN id is 1 to 255 bytes, not {bytes.Length}.");
            }
            value.Add((byte)bytes.Length);
            value.AddRange(bytes);
        }
        return new SvcParam(AlpnKey, value.ToArray());
    }

    public static SvcParam NoDefaultAlpn() => new(NoDefaultAlpnKey, []);

    public static SvcParam Port(ushort port)
    {
        Span<byte> value = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(value, port);
        return new SvcParam(PortKey, value);
    }

    public static SvcParam Ipv4Hint(params IPAddress[] addresses) => Hint(Ipv4HintKey, AddressFamily.InterNetwork, addresses);

    public static SvcParam Ipv6Hint(params IPAddress[] addresses) => Hint(Ipv6HintKey, AddressFamily.InterNetworkV6, addresses);

    public static SvcParam Ech(ReadOnlySpan<byte> echConfigList) => new(EchKey, echConfigList);

    /// <summary>The value of a <c>port</c> param, or of any private param that carries a big-endian u16 port.</summary>
    public ushort AsPort() => _value.Length == 2
        ? BinaryPrimitives.ReadUInt16BigEndian(_value)
        : throw new InvalidOperationException($"SvcParam key{Key} is {_value.Length} bytes, not a 2-byte port.");

    /// <summary>The addresses of an <c>ipv4hint</c> or <c>ipv6hint</c> param.</summary>
    public IReadOnlyList<IPAddress> AsAddresses()
    {
        var size = Key switch
        {
            Ipv4HintKey => 4,
            Ipv6HintKey => 16,
            _ => throw new InvalidOperationException($"SvcParam key{Key} does not hold addresses."),
        };
        return _value.Chunk(size).Select(chunk => new IPAddress(chunk)).ToArray();
    }

    public bool Equals(SvcParam? other) => other is not null && Key == other.Key && _value.AsSpan().SequenceEqual(other._value);

    public override bool Equals(object? obj) => Equals(obj as SvcParam);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }

    public override string ToString() => Key switch
    {
        PortKey => $"port={AsPort()}",
        Ipv4HintKey => $"ipv4hint={string.Join(',', AsAddresses())}",
        Ipv6HintKey => $"ipv6hint={string.Join(',', AsAddresses())}",
        NoDefaultAlpnKey => "no-default-alpn",
        _ => $"key{Key}={Convert.ToHexStringLower(_value)}",
    };

    private static SvcParam Hint(ushort key, AddressFamily family, IPAddress[] addresses)
    {
        if (addresses.Any(a => a.AddressFamily != family))
        {
            throw new ArgumentException($"Every address in key{key} must be {family}.", nameof(addresses));
        }
        return new SvcParam(key, addresses.SelectMany(a => a.GetAddressBytes()).ToArray());
    }

    private static void Validate(ushort key, ReadOnlySpan<byte> value)
    {
        var problem = value.Length > ushort.MaxValue ? "a value is at most 65535 bytes" : key switch
        {
            MandatoryKey => MandatoryProblem(value),
            AlpnKey => AlpnProblem(value),
            NoDefaultAlpnKey when value.Length != 0 => "no-default-alpn must be empty",
            PortKey when value.Length != 2 => "port must be 2 bytes",
            Ipv4HintKey when value.Length == 0 || value.Length % 4 != 0 => "ipv4hint must be a non-empty multiple of 4 bytes",
            Ipv6HintKey when value.Length == 0 || value.Length % 16 != 0 => "ipv6hint must be a non-empty multiple of 16 bytes",
            _ => null,
        };
        if (problem is not null)
        {
            throw new DnsFormatException($"Invalid SvcParam: {problem} (got {value.Length} bytes).");
        }
    }

    private static string? MandatoryProblem(ReadOnlySpan<byte> value)
    {
        if (value.Length == 0 || value.Length % 2 != 0)
        {
            return "mandatory must be a non-empty list of 2-byte keys";
        }
        var previous = -1;
        for (var i = 0; i < value.Length; i += 2)
        {
            int listed = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
            if (listed == MandatoryKey || listed <= previous)
            {
                return "mandatory keys must be strictly increasing and must not list key0";
            }
            previous = listed;
        }
        return null;
    }

    private static string? AlpnProblem(ReadOnlySpan<byte> value)
    {
        if (value.Length == 0)
        {
            return "alpn must list at least one id";
        }
        for (var i = 0; i < value.Length; i += 1 + value[i])
        {
            if (value[i] == 0 || i + 1 + value[i] > value.Length)
            {
                return "alpn ids must be non-empty and fit the value";
            }
        }
        return null;
    }
}
