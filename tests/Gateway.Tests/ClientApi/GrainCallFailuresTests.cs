using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.Tests.ClientApi;

public class GrainCallFailuresTests
{
    private static async Task<(DefaultHttpContext Context, string Body)> Run(Exception thrown)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await GrainCallFailures.Guard(NullLogger.Instance)(context, () => throw thrown);
        context.Response.Body.Position = 0;
        return (context, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_grain_call_timing_out_during_failover_is_503_with_retry_after()
    {
        var (context, body) = await Run(new TimeoutException("Response did not arrive on time in 00:00:30"));
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(GrainCallFailures.UnavailableMessage, body);
    }

    [Fact]
    public async Task An_unavailable_silo_is_503()
    {
        var (context, _) = await Run(new SiloUnavailableException("silo is dead"));
        Assert.Equal(503, context.Response.StatusCode);
    }

    [Fact]
    public async Task Other_failures_are_not_disguised() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run(new InvalidOperationException("a bug")));
}
