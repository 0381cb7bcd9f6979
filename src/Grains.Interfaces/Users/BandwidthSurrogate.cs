using Pubky.Protocol.Quotas;

namespace PubkyCluster.Grains.Users;

/// <summary>A <see cref="Bandwidth"/> on the wire: its canonical text, which reads back to the same value.</summary>
[GenerateSerializer, Alias("pubky.Bandwidth")]
public struct BandwidthSurrogate
{
    [Id(0)]
    public string Text;
}

[RegisterConverter]
public sealed class BandwidthSurrogateConverter : IConverter<Bandwidth, BandwidthSurrogate>
{
    public Bandwidth ConvertFromSurrogate(in BandwidthSurrogate surrogate) => Bandwidth.Parse(surrogate.Text);

    public BandwidthSurrogate ConvertToSurrogate(in Bandwidth value) => new() { Text = value.ToString() };
}
