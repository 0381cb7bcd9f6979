using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Tests.Invariants;

/// <summary>Invariant 3: a user's used bytes always equal the sum over their entries of (length + 256).</summary>
[Collection(HomeserverCollection.Name)]
public class AccountingTests(SharedHomeserver shared)
{
    [Fact]
    public async Task Used_bytes_equal_the_sum_over_entries_after_random_writes_and_deletes()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        var random = new Random(42);
        for (var i = 0; i < 120; i++)
        {
            var path = $"/pub/acc/{random.Next(15)}/{random.Next(4)}.bin";
            if (random.Next(4) == 0)
            {
                await user.DeleteAsync(path);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Created, (await user.PutAsync(path, new byte[random.Next(0, 5000)])).StatusCode);
            }
        }
        var listing = await (await user.GetAsync("/pub/acc/?limit=1000")).Content.ReadAsStringAsync();
        long expected = 0;
        foreach (var uri in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = uri[$"pubky://{user.Z32}".Length..];
            var head = await user.SendAsync(HttpMethod.Head, path);
            expected += head.Content.Headers.ContentLength!.Value + StorageAccounting.EntryOverheadBytes;
        }
        var usage = await shared.Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(user.Z32).GetUsage();
        Assert.Equal(expected, usage!.UsedBytes);
        Assert.Equal(listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, usage.FileCount);
    }
}
