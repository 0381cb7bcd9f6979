using System.Text;
using System.Text.RegularExpressions;

namespace PubkyCluster.Gateway.RateLimiting;

/// <summary>
/// A glob over request paths in the reference's syntax: <c>?</c> one character and <c>*</c> any run of characters,
/// neither crossing <c>/</c>; <c>**</c> anything, slashes included; <c>[ab]</c>, <c>[a-z]</c>, <c>[!ab]</c>;
/// <c>{a,b}</c> alternatives (nesting allowed); <c>\</c> escapes the next character; a leading <c>!</c> negates.
/// A glob without any of these compares as plain text.
/// </summary>
public sealed class PathGlob
{
    private readonly string? _literal;
    private readonly Regex? _pattern;
    private readonly bool _negated;

    private PathGlob(string text, string? literal, Regex? pattern, bool negated) =>
        (Text, _literal, _pattern, _negated) = (text, literal, pattern, negated);

    public string Text { get; }

    public bool Matches(string path) => _negated != (_literal is not null ? _literal == path : _pattern!.IsMatch(path));

    /// <summary>The glob, or null with <paramref name="error"/> saying what is wrong with it.</summary>
    public static PathGlob? TryParse(string text, out string? error)
    {
        error = null;
        var negated = text.StartsWith('!');
        var body = negated ? text[1..] : text;
        if (body.Length == 0 || body[0] is not ('/' or '*' or '?' or '[' or '{'))
        {
            error = "must be a path glob starting with '/'";
            return null;
        }
        if (body.IndexOfAny(['?', '*', '[', ']', '{', '}', ',', '\\']) < 0)
        {
            return new PathGlob(text, body, null, negated);
        }
        var regex = ToRegex(body, out error);
        return regex is null ? null : new PathGlob(text, null, new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.Compiled), negated);
    }

    private static string? ToRegex(string glob, out string? error)
    {
        var regex = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var end = glob.IndexOf(']', i + 2);
                    if (end < 0)
                    {
                        error = "has a '[' without its ']'";
                        return null;
                    }
                    var set = glob[(i + 1)..end];
                    regex.Append(set[0] == '!' ? "[^" + Regex.Escape(set[1..]) : "[" + Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                case '{':
                    braces++;
                    regex.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    regex.Append(')');
                    break;
                case ',' when braces > 0:
                    regex.Append('|');
                    break;
                case '\\' when i + 1 < glob.Length:
                    regex.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                case '\\':
                    error = "ends in a lone '\\'";
                    return null;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (braces > 0)
        {
            error = "has a '{' without its '}'";
            return null;
        }
        error = null;
        return regex.Append('$').ToString();
    }
}
