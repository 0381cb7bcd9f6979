using System.Collections.Concurrent;
using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Invariants;

/// <summary>
/// Invariant 4: every committed PUT or DELETE yields exactly one event, and a poller holding cursor c never misses
/// an event committed later with an id greater than c.
/// </summary>
public class EventOrderTests
{
    [Fact]
    public async Task A_poller_during_concurrent_writes_sees_every_committed_write_exactly_once_in_id_order()
    {
        await using var server = await TestHomeserver.StartAsync();
        var users = new List<TestUser>();
        for (var i = 0; i < 4; i++)
        {
            users.Add(await TestUser.Create(server).SignedUpAsync());
        }
        var committed = new ConcurrentBag<string>();
        using var writersDone = new CancellationTokenSource();
        var writers = users.Select((user, u) => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var path = $"/pub/ev/{i % 7}.txt";
                if (i % 5 == 4)
                {
                    if ((await user.DeleteAsync(path)).StatusCode == HttpStatusCode.NoContent)
                    {
                        committed.Add($"DEL pubky://{user.Z32}{path}");
                    }
                }
                else if ((await user.PutTextAsync(path, $"{u}-{i}")).StatusCode == HttpStatusCode.Created)
                {
                    committed.Add($"PUT pubky://{user.Z32}{path}");
                }
            }
        })).ToList();
        var all = Task.WhenAll(writers).ContinueWith(_ => writersDone.Cancel(), TaskScheduler.Default);

        var seen = new List<string>();
        var ids = new List<long>();
        long cursor = 0;
        using var http = server.CreateClient();
        for (var polls = 0; polls < 10_000; polls++)
        {
            var finished = writersDone.IsCancellationRequested;
            var body = await http.GetStringAsync(server.ClientUrl($"/events/?cursor={cursor}&limit=7"));
            if (body.Length > 0)
            {
                var lines = body.Split('\n');
                seen.AddRange(lines[..^1]);
                var next = long.Parse(lines[^1]["cursor: ".Length..]);
                ids.Add(next);
                cursor = next;
            }
            else if (finished)
            {
                break;
            }
        }
        await all;
        Assert.Equal(committed.OrderBy(x => x), seen.OrderBy(x => x));
        Assert.Equal(committed.Count, (int)cursor);
        Assert.Equal(ids.OrderBy(i => i), ids);
        foreach (var user in users)
        {
            user.Dispose();
        }
    }
}
