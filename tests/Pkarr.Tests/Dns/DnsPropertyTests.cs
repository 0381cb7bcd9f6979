using FsCheck;
using FsCheck.Xunit;
using Pubky.Pkarr.Dns;

namespace Pubky.Pkarr.Tests.Dns;

public sealed class DnsPropertyTests
{
    [Property(Arbitrary = [typeof(DnsGenerators)])]
    public void Decoding_an_encoding_gives_back_the_records(DnsRecord[] records)
    {
        byte[] bytes;
        try
        {
            bytes = DnsPacketCodec.Encode(records);
        }
        catch (DnsPacketTooLargeException)
        {
            return;
        }
        Assert.Equal(records, DnsPacketCodec.DecodeAnswers(bytes));
    }

    [Property]
    public void Random_bytes_only_ever_throw_the_typed_exception(byte[] input)
    {
        try
        {
            DnsPacketCodec.DecodeAnswers(input);
        }
        catch (DnsFormatException)
        {
        }
    }

    [Property(Arbitrary = [typeof(DnsGenerators)])]
    public void Corrupted_valid_packets_only_ever_throw_the_typed_exception(DnsRecord[] records, int position, byte value, bool truncate)
    {
        byte[] bytes;
        try
        {
            bytes = DnsPacketCodec.Encode(records);
        }
        catch (DnsPacketTooLargeException)
        {
            return;
        }
        var at = (int)((uint)position % bytes.Length);
        var corrupted = truncate ? bytes[..at] : bytes.ToArray();
        if (!truncate)
        {
            corrupted[at] = value;
        }
        try
        {
            DnsPacketCodec.DecodeAnswers(corrupted);
        }
        catch (DnsFormatException)
        {
        }
    }
}
