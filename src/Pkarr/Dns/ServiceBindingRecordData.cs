namespace Pubky.Pkarr.Dns;

/// <summary>
/// SVCB (64) or HTTPS (65) RDATA per RFC 9460: priority 0 is AliasMode, otherwise ServiceMode with SvcParams.
/// The TargetName is never compressed on write (RFC 9460 section 2.2) but compressed input is accepted.
/// </summary>
public sealed class ServiceBindingRecordData : DnsRecordData
{
    public ServiceBindingRecordData(DnsRecordType type, ushort priority, string target, IEnumerable<SvcParam>? parameters = null)
    {
        if (type is not (DnsRecordType.Svcb or DnsRecordType.Https))
        {
            throw new ArgumentException($"Service binding records are SVCB or HTTPS, not {type}.", nameof(type));
        }
        DnsName.Parse(target);
        var sorted = (parameters ?? []).OrderBy(p => p.Key).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Key == sorted[i - 1].Key)
            {
                throw new DnsFormatException($"SvcParam key{sorted[i].Key} appears more than once.");
            }
        }
        Type = type;
        Priority = priority;
        Target = target;
        Parameters = sorted;
    }

    public override DnsRecordType Type { get; }

    public ushort Priority { get; }

    /// <summary>The TargetName; <c>"."</c> means the owner name itself (in pkarr: this packet's A/AAAA records).</summary>
    public string Target { get; }

    /// <summary>In ascending key order, as the wire format requires.</summary>
    public IReadOnlyList<SvcParam> Parameters { get; }

    public static ServiceBindingRecordData Https(ushort priority, string target, params SvcParam[] parameters) =>
        new(DnsRecordType.Https, priority, target, parameters);

    public static ServiceBindingRecordData Svcb(ushort priority, string target, params SvcParam[] parameters) =>
        new(DnsRecordType.Svcb, priority, target, parameters);

    public SvcParam? Find(ushort key) => Parameters.FirstOrDefault(p => p.Key == key);

    public override string ToString() =>
        string.Join(' ', new[] { Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), Target }
            .Concat(Parameters.Select(p => p.ToString())));

    internal override void Write(DnsWriter writer)
    {
        writer.WriteUInt16(Priority);
        writer.WriteName(Target, allowCompression: false);
        foreach (var parameter in Parameters)
        {
            writer.WriteUInt16(parameter.Key);
            writer.WriteUInt16((ushort)parameter.Value.Length);
            writer.WriteBytes(parameter.Value);
        }
    }

    internal static ServiceBindingRecordData Read(DnsRecordType type, ref DnsReader reader)
    {
        var priority = reader.ReadUInt16();
        var target = reader.ReadName();
        var parameters = new List<SvcParam>();
        while (reader.Remaining > 0)
        {
            var key = reader.ReadUInt16();
            if (parameters.Count > 0 && key <= parameters[^1].Key)
            {
                throw new DnsFormatException($"SvcParam keys must be strictly increasing; key{key} follows key{parameters[^1].Key}.");
            }
            parameters.Add(new SvcParam(key, reader.ReadBytes(reader.ReadUInt16())));
        }
        return new ServiceBindingRecordData(type, priority, target, parameters);
    }
}
