namespace Pubky.Pkarr.Dns;

/// <summary>
/// The encoded DNS message exceeds pkarr's 1000-byte budget (BEP44's limit on <c>v</c>); a separate type so that a
/// publisher can tell the user to drop records rather than report a malformed packet.
/// </summary>
public sealed class DnsPacketTooLargeException(int length)
    : DnsFormatException($"DNS packet is {length} bytes; pkarr allows at most {DnsPacketCodec.MaxLength}.")
{
    public int Length { get; } = length;
}
