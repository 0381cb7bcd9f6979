using System.Diagnostics.CodeAnalysis;

namespace Pubky.Protocol.Events;

/// <summary>The wire names of <see cref="EventKind"/>: <c>PUT</c> and <c>DEL</c> (not "DELETE"), in feeds and SSE alike.</summary>
public static class EventKindNames
{
    public const string Put = "PUT";
    public const string Delete = "DEL";

    public static string ToWireName(this EventKind kind) => kind switch
    {
        EventKind.Put => Put,
        EventKind.Delete => Delete,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };

    /// <summary>Exact, case-sensitive match of <c>PUT</c> or <c>DEL</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, [NotNullWhen(true)] out EventKind? kind)
    {
        kind = name switch
        {
            Put => EventKind.Put,
            Delete => EventKind.Delete,
            _ => null,
        };
        return kind is not null;
    }
}
