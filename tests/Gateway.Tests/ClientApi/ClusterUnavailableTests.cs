using Microsoft.AspNetCore.Http;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.Tests.ClientApi;

public class ClusterUnavailableTests
{
    private static async Task<DefaultHttpContext> Run(Exception thrown)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await ClusterUnavailable.Guard(context, () => throw thrown);
        return context;
    }

    [Fact]
    public async Task AGrainCallTimingOutDuringFailoverIs503WithRetryAfter()
    {
        var context = await Run(new TimeoutException("Response did not arrive on time in 00:00:30"));
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        Assert.Equal(ClusterUnavailable.Message, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task AnUnavailableSiloIs503()
    {
        var context = await Run(new SiloUnavailableException("silo is dead"));
        Assert.Equal(503, context.Response.StatusCode);
    }

    [Fact]
    public async Task OtherFailuresAreNotDisguisedAsUnavailability() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run(new InvalidOperationException("a bug")));
}
