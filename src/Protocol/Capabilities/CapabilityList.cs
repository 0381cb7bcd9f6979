using System.Collections;

namespace Pubky.Protocol.Capabilities;

/// <summary>
/// A sanitised, ordered list of capabilities, written comma-separated (<c>/pub/app/:rw,/pub/foo.txt:r</c>).
/// Parsing silently drops invalid items, as the reference does for tokens, stored sessions and deep links.
/// Sanitising merges the actions of duplicate scopes into the first occurrence and removes items that another
/// item subsumes; the order of the remaining items is kept.
/// </summary>
public sealed class CapabilityList : IReadOnlyList<Capability>, IEquatable<CapabilityList>
{
    private readonly Capability[] _items;

    private CapabilityList(Capability[] items) => _items = items;

    public static CapabilityList Empty { get; } = new([]);

    public static CapabilityList Root { get; } = new([Capability.Root]);

    public int Count => _items.Length;

    public Capability this[int index] => _items[index];

    public static CapabilityList Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }
        var parsed = new List<Capability>();
        foreach (var item in text.Split(','))
        {
            if (Capability.TryParse(item, out var capability))
            {
                parsed.Add(capability);
            }
        }
        return From(parsed);
    }

    public static CapabilityList From(IEnumerable<Capability> capabilities)
    {
        var merged = new List<Capability>();
        foreach (var capability in capabilities)
        {
            var index = merged.FindIndex(c => c.Scope == capability.Scope);
            if (index < 0)
            {
                merged.Add(capability);
            }
            else
            {
                merged[index] = merged[index] with { Actions = merged[index].Actions | capability.Actions };
            }
        }
        var kept = merged.Where(c => !merged.Any(other => !ReferenceEquals(other, c) && other.Subsumes(c))).ToArray();
        return kept.Length == 0 ? Empty : new CapabilityList(kept);
    }

    /// <summary>Merges two lists, for example a new signin's capabilities with a stored session's.</summary>
    public CapabilityList Merge(CapabilityList other) => From(_items.Concat(other._items));

    /// <summary>Whether any capability covers <paramref name="path"/> (already normalised) with all of <paramref name="actions"/>.</summary>
    public bool Allows(string path, CapabilityActions actions) =>
        _items.Any(c => (c.Actions & actions) == actions && c.Covers(path));

    public bool CanWrite(string path) => Allows(path, CapabilityActions.Write);

    public bool CanRead(string path) => Allows(path, CapabilityActions.Read);

    /// <summary>Whether the list holds the root capability <c>/:rw</c>.</summary>
    public bool IsRoot => _items.Any(c => c.Scope == "/" && c.Actions == CapabilityActions.ReadWrite);

    public override string ToString() => string.Join(',', _items.Select(c => c.ToString()));

    public bool Equals(CapabilityList? other) => other is not null && _items.SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as CapabilityList);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public IEnumerator<Capability> GetEnumerator() => ((IEnumerable<Capability>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
