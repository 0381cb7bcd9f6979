using System.Net;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

public static class RelayAnswer
{
    /// <summary>The status and the exact text the reference answers (clients match on the text).</summary>
    public static async Task AssertTextAsync(HttpStatusCode status, string text, HttpResponseMessage response)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }
}
