using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Encoding;
using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Sessions;

/// <summary>
/// The body of signup, signin and GET /session (postcard): version(varint, 0) ‖ public key(32) ‖ created_at(varint) ‖
/// name(string) ‖ user_agent(string) ‖ capabilities(varint count, then each as a string).
/// <see cref="CreatedAt"/> is microseconds in signup and signin answers but seconds in GET /session, as the reference
/// sends it; the caller picks the unit.
/// </summary>
public sealed record SessionInfo(PublicKey PublicKey, ulong CreatedAt, CapabilityList Capabilities, string Name = "", string UserAgent = "")
{
    public byte[] Encode()
    {
        var writer = new PostcardWriter()
            .WriteVarint(0)
            .WriteFixed(PublicKey.Bytes)
            .WriteVarint(CreatedAt)
            .WriteString(Name)
            .WriteString(UserAgent)
            .WriteVarint((ulong)Capabilities.Count);
        foreach (var capability in Capabilities)
        {
            writer.WriteString(capability.ToString());
        }
        return writer.ToArray();
    }

    public static SessionInfo Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            throw new InvalidSessionInfoException("Empty payload");
        }
        if (bytes[0] > 0)
        {
            throw new InvalidSessionInfoException("Unknown version");
        }
        try
        {
            var reader = new PostcardReader(bytes);
            reader.ReadVarint();
            if (!PublicKey.TryFromBytes(reader.ReadFixed(PublicKey.Length), out var key))
            {
                throw new InvalidSessionInfoException("Invalid Ed25519 publickey; Cannot decompress Edwards point");
            }
            var createdAt = reader.ReadVarint();
            var name = reader.ReadString();
            var userAgent = reader.ReadString();
            var count = reader.ReadVarint();
            var capabilities = new List<Capability>();
            for (ulong i = 0; i < count; i++)
            {
                // Each item costs at least one byte, so a count beyond the input fails here rather than looping long.
                if (Capability.TryParse(reader.ReadString(), out var capability))
                {
                    capabilities.Add(capability);
                }
            }
            return new SessionInfo(key, createdAt, CapabilityList.From(capabilities), name, userAgent);
        }
        catch (PostcardFormatException e)
        {
            throw new InvalidSessionInfoException(e.Message);
        }
    }
}
