using System.Text.RegularExpressions;

namespace PubkyCluster.Architecture.Tests.Support;

/// <summary>
/// The naming convention of test methods: a snake_case sentence, such as <c>Put_then_get_returns_the_body</c>.
/// <para>
/// Words of letters and digits joined by single underscores; the first character is an upper-case letter or a digit
/// (no leading, trailing or doubled underscore). No word runs two capitalised words together: nowhere a lower-case
/// letter or digit followed by a capital and a lower-case letter (<c>PutThen</c>, <c>getValue</c>,
/// <c>AuthToken</c>, <c>Ed25519Key</c>), nor two capitals followed by two lower-case letters (<c>AGrain</c>,
/// <c>ETag</c>, <c>HTTPServer</c>). So a one-word name needs no underscore, and all-caps tokens, numbers, plurals
/// of acronyms and units pass: <c>GET</c>, <c>DHT</c>, <c>DHTs</c>, <c>409</c>, <c>SHA256</c>, <c>ed25519</c>,
/// <c>KiB</c>, <c>IPv4</c>.
/// </para>
/// </summary>
public static partial class TestNames
{
    public const string Pattern =
        @"^(?![A-Za-z0-9_]*?(?:[a-z0-9][A-Z][a-z]|[A-Z][A-Z][a-z]{2}))[A-Z0-9][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$";

    public static bool IsSentence(string name) => Sentence().IsMatch(name);

    [GeneratedRegex(Pattern)]
    private static partial Regex Sentence();
}
