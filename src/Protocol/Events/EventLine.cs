using System.Diagnostics.CodeAnalysis;
using System.Text;
using Pubky.Protocol.Resources;

namespace Pubky.Protocol.Events;

/// <summary>One event as the <c>/events/</c> feed prints it: <c>PUT pubky://&lt;z32&gt;&lt;path&gt;</c>.</summary>
public sealed record EventLine(EventKind Kind, PubkyResource Resource)
{
    public override string ToString() =>
        EventFeedFormat.AppendLine(new StringBuilder(), Kind, Resource.Owner.Z32, Resource.Path.Value).ToString();

    /// <summary>Reads a line exactly as the server writes it: kind, one space, a canonical <c>pubky://</c> URI.</summary>
    public static bool TryParse(string? line, [NotNullWhen(true)] out EventLine? eventLine)
    {
        eventLine = null;
        var space = line?.IndexOf(' ') ?? -1;
        if (line is null
            || space < 0
            || !EventKindNames.TryParse(line.AsSpan(0, space), out var kind)
            || !line.AsSpan(space + 1).StartsWith(PubkyResource.Scheme, StringComparison.Ordinal)
            || !PubkyResource.TryParse(line[(space + 1)..], out var resource))
        {
            return false;
        }
        eventLine = new EventLine(kind.Value, resource);
        return true;
    }

    public static EventLine Parse(string line) =>
        TryParse(line, out var eventLine) ? eventLine : throw new InvalidEventLineException("Invalid event line");
}
