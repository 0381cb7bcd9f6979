using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.RateLimiting;

/// <summary>
/// With no rules configured the reference's defaults apply: signup-token lookups 10 per minute per address (the 11th
/// gets 429), sign-ins 20 per minute with loopback exempt; RateLimits:UseDefaults=false turns them off.
/// </summary>
public sealed class DefaultRulesTests
{
    [Fact]
    public async Task Signup_token_lookups_are_limited_to_ten_a_minute_by_default()
    {
        await using var server = await StartAsync(new Dictionary<string, string?>());

        Assert.Equal("..........x", await LookUpTokensAsync(server, 11));
    }

    [Fact]
    public async Task Sign_ins_from_loopback_are_exempt_by_default()
    {
        await using var server = await StartAsync(new Dictionary<string, string?>());
        using var http = server.CreateClient();

        for (var i = 0; i < 25; i++)
        {
            var response = await http.PostAsync(server.ClientUrl("/session"), new ByteArrayContent([1, 2, 3]));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_defaults_can_be_turned_off()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["RateLimits:UseDefaults"] = "false" });

        Assert.Equal("...........", await LookUpTokensAsync(server, 11));
    }

    private static Task<TestHomeserver> StartAsync(Dictionary<string, string?> settings)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        return TestHomeserver.StartAsync(settings, services: services => TestHomeserver.UseClock(services, clock));
    }

    private static async Task<string> LookUpTokensAsync(TestHomeserver server, int count)
    {
        using var http = server.CreateClient();
        var marks = "";
        for (var i = 0; i < count; i++)
        {
            var response = await http.GetAsync(server.ClientUrl("/signup_tokens/AAAA-BBBB-CCCC"));
            marks += response.StatusCode == HttpStatusCode.TooManyRequests ? "x" : ".";
        }
        return marks;
    }
}
