namespace Pubky.Protocol.Capabilities;

/// <summary>
/// One capability, <c>&lt;scope&gt;:&lt;actions&gt;</c>: the scope starts with '/', the string holds exactly one ':',
/// and the actions are letters from "rw" (deduplicated, written sorted; an empty list is allowed).
/// </summary>
public sealed record Capability(string Scope, CapabilityActions Actions)
{
    public static Capability Root { get; } = new("/", CapabilityActions.ReadWrite);

    public static bool TryParse(ReadOnlySpan<char> text, out Capability capability)
    {
        capability = null!;
        var colon = text.IndexOf(':');
        if (colon < 0 || text[(colon + 1)..].Contains(':') || text.Length == 0 || text[0] != '/')
        {
            return false;
        }
        var actions = CapabilityActions.None;
        foreach (var letter in text[(colon + 1)..])
        {
            switch (letter)
            {
                case 'r':
                    actions |= CapabilityActions.Read;
                    break;
                case 'w':
                    actions |= CapabilityActions.Write;
                    break;
                default:
                    return false;
            }
        }
        capability = new Capability(text[..colon].ToString(), actions);
        return true;
    }

    /// <summary>
    /// Whether this capability's scope covers <paramref name="path"/> with the reference's HEAD rule: the scope equals
    /// the path, or the scope ends with '/' and the path starts with it. So <c>/pub/app:rw</c> covers only
    /// <c>/pub/app</c>, and <c>/pub/app/:rw</c> does not cover <c>/pub/app</c>.
    /// </summary>
    public bool Covers(string path) =>
        string.Equals(Scope, path, StringComparison.Ordinal)
        || (Scope.EndsWith('/') && path.StartsWith(Scope, StringComparison.Ordinal));

    /// <summary>Whether this capability makes <paramref name="other"/> redundant: a same-or-parent scope ending in '/'
    /// with at least the same actions.</summary>
    public bool Subsumes(Capability other) =>
        (Actions & other.Actions) == other.Actions
        && (Scope == other.Scope || (Scope.EndsWith('/') && other.Scope.StartsWith(Scope, StringComparison.Ordinal)));

    public override string ToString() =>
        Scope + ":" + ((Actions & CapabilityActions.Read) != 0 ? "r" : "") + ((Actions & CapabilityActions.Write) != 0 ? "w" : "");
}
