using Pubky.Protocol.Events;
using Pubky.Protocol.Resources;
using Pubky.Protocol.Tests.Paths;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Events;

/// <summary>The <c>/events/</c> feed: one event per line, <c>PUT</c> or <c>DEL</c>, a space and the <c>pubky://</c> URI.</summary>
public class EventLineTests
{
    private const string Uri = "pubky://" + Vectors.ZeroSecretZ32 + "/pub/a.com/a.txt";

    [Fact]
    public void Put_line_is_put_space_uri() =>
        Assert.Equal("PUT " + Uri, new EventLine(EventKind.Put, PubkyResource.Parse(Uri)).ToString());

    [Fact]
    public void Delete_line_uses_del() =>
        Assert.Equal("DEL " + Uri, new EventLine(EventKind.Delete, PubkyResource.Parse(Uri)).ToString());

    [Fact]
    public void Put_line_parses()
    {
        var line = EventLine.Parse("PUT " + Uri);
        Assert.Equal(EventKind.Put, line.Kind);
        Assert.Equal(Uri, line.Resource.ToString());
    }

    [Fact]
    public void Del_line_parses() => Assert.Equal(EventKind.Delete, EventLine.Parse("DEL " + Uri).Kind);

    [Theory]
    [InlineData("DELETE ")]
    [InlineData("put ")]
    [InlineData("PUT  ")]
    [InlineData("PUT")]
    [InlineData("")]
    public void Other_kind_spellings_are_rejected(string prefix) =>
        Assert.Equal("Invalid event line", Assert.Throws<InvalidEventLineException>(() => EventLine.Parse(prefix + Uri)).Message);

    [Fact]
    public void Identifier_form_uri_is_rejected() =>
        Assert.False(EventLine.TryParse("PUT pubky" + Vectors.ZeroSecretZ32 + "/pub/a.txt", out _));

    [Fact]
    public void Kind_names_are_the_wire_names()
    {
        Assert.Equal("PUT", EventKind.Put.ToWireName());
        Assert.Equal("DEL", EventKind.Delete.ToWireName());
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Format_then_parse_gives_the_line_back(EventLine line) => EventLine.Parse(line.ToString()) == line;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Garbage_is_rejected_only_with_a_format_exception(string text) =>
        ParserContract.FailsOnlyWithFormatException(() => EventLine.Parse(text));
}
