using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Dns;

/// <summary>
/// pkarr's owner-name rule: every name in a signed packet lives under the signer's key, so short forms are expanded
/// the same way Rust pkarr's <c>normalize_name</c> does before signing and when looking records up.
/// </summary>
public static class PkarrNames
{
    /// <summary>
    /// Drops one trailing dot; a name whose last label is the key is kept; a last label of <c>@</c> or nothing (so
    /// <c>"@"</c>, <c>"."</c> and <c>""</c>) means the apex; anything else gets <c>.&lt;z32&gt;</c> appended.
    /// </summary>
    public static string Normalize(string name, PublicKey origin)
    {
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        var lastLabel = trimmed[(trimmed.LastIndexOf('.') + 1)..];
        if (lastLabel == origin.Z32)
        {
            return trimmed;
        }
        return lastLabel is "@" or "" ? origin.Z32 : trimmed + "." + origin.Z32;
    }
}
