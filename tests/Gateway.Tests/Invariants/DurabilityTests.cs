using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Invariants;

/// <summary>Invariant 1: a 201 or 204 is durable; killing the process right after loses nothing.</summary>
public class DurabilityTests
{
    [Fact]
    public async Task Acknowledged_writes_sessions_and_events_survive_kill_nine()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "pubky-durability-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = new Dictionary<string, byte[]>();
            string z32;
            string secret;
            await using (var first = await HomeserverProcess.StartAsync(dataDirectory))
            {
                using var http = new HttpClient();
                var signup = await ProcessUser.SignUpAsync(http, first);
                (z32, secret) = (signup.Z32, signup.Secret);
                for (var i = 0; i < 20; i++)
                {
                    var body = new byte[1000 + i * 997];
                    Random.Shared.NextBytes(body);
                    var path = $"/pub/durable/{i}.bin";
                    var response = await ProcessUser.SendAsync(http, first, HttpMethod.Put, path, z32, secret, body);
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    written[path] = body;
                }
                Assert.Equal(HttpStatusCode.NoContent,
                    (await ProcessUser.SendAsync(http, first, HttpMethod.Delete, "/pub/durable/0.bin", z32, secret)).StatusCode);
                written.Remove("/pub/durable/0.bin");
                await first.KillAsync();
            }

            await using var second = await HomeserverProcess.StartAsync(dataDirectory);
            using var after = new HttpClient();
            foreach (var (path, body) in written)
            {
                var response = await ProcessUser.SendAsync(after, second, HttpMethod.Get, path, z32, null);
                Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
            }
            Assert.Equal(HttpStatusCode.NotFound,
                (await ProcessUser.SendAsync(after, second, HttpMethod.Get, "/pub/durable/0.bin", z32, null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ProcessUser.SendAsync(after, second, HttpMethod.Get, "/session", z32, secret)).StatusCode);
            var feed = await after.GetStringAsync(second.ClientUrl("/events/?limit=1000"));
            Assert.EndsWith("cursor: 21", feed);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Sigterm_shuts_the_homeserver_down_cleanly()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "pubky-sigterm-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await HomeserverProcess.StartAsync(dataDirectory);
            Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
