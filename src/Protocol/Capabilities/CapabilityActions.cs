namespace Pubky.Protocol.Capabilities;

/// <summary>What a capability allows within its scope. Written as the letters <c>r</c> and <c>w</c>, in that order.</summary>
[Flags]
public enum CapabilityActions
{
    None = 0,
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
}
