using System.Net;
using Pubky.Protocol.Hashing;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Invariants;

/// <summary>Invariant 2: no partial file is ever readable; an overwrite is atomic.</summary>
[Collection(HomeserverCollection.Name)]
public class AtomicOverwriteTests(SharedHomeserver shared)
{
    [Fact]
    public async Task Readers_during_overwrites_see_the_old_or_the_new_body_whole()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        var bodies = new[] { new byte[512 * 1024], new byte[300 * 1024] };
        Random.Shared.NextBytes(bodies[0]);
        Random.Shared.NextBytes(bodies[1]);
        var hashes = bodies.Select(b => ContentHash.Compute(b).ToBase64()).ToHashSet();
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/atomic.bin", bodies[0])).StatusCode);

        using var done = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            try
            {
                for (var i = 1; i <= 20; i++)
                {
                    Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/atomic.bin", bodies[i % 2])).StatusCode);
                }
            }
            finally
            {
                done.Cancel();
            }
        });
        var reads = 0;
        using var reader = TestUser.Create(shared.Server);
        while (!done.IsCancellationRequested && reads < 500)
        {
            var response = await reader.SendAsync(HttpMethod.Get, "/pub/atomic.bin", tenant: user.Z32);
            var body = await response.Content.ReadAsByteArrayAsync();
            var seen = ContentHash.Compute(body).ToBase64();
            Assert.Contains(seen, hashes);
            Assert.Equal($"\"{seen}\"", response.Headers.ETag?.ToString());
            reads++;
        }
        await writer;
        Assert.True(reads > 0);
    }
}
