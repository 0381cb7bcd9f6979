using Pubky.Client.Tests.Support;
using Pubky.Client.Transfer;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Transfer;

/// <summary>A running mirror across restarts of the homeservers it joins (each class has its own pair, so restarts touch nothing else).</summary>
public sealed class MirrorRestartTests(TwoHomeservers servers) : IClassFixture<TwoHomeservers>, IDisposable
{
    private readonly string _cursor = Path.Combine(Path.GetTempPath(), "pubky-mirror-" + Guid.NewGuid().ToString("N") + ".cursor");

    private static async Task EventuallyAsync(Func<Task<bool>> holds)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if (await holds())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The homeserver is still coming back.
            }
            await Task.Delay(50);
        }
        Assert.Fail("The mirror did not reach the expected state within 30 s.");
    }

    [Fact]
    public async Task A_running_mirror_catches_up_after_the_target_and_then_the_source_restart()
    {
        using var user = Keypair.Random();
        // Clients made now keep the ports, which the restarted servers listen on again.
        var sourceClient = servers.ClientOf(servers.A);
        var source = await sourceClient.SignupAsync(user);
        await servers.ClientOf(servers.B).SignupAsync(user);
        var targetClient = servers.ClientOf(servers.B);
        var copy = new AccountCopy(source, await targetClient.SigninAsync(user));
        var mirror = new Mirror(sourceClient, copy, _cursor) { ReconnectDelay = TimeSpan.FromMilliseconds(100) };
        using var stop = new CancellationTokenSource();
        var running = mirror.RunAsync(stop.Token);
        await source.Storage.PutTextAsync("/pub/first.txt", "1");
        await EventuallyAsync(() => copy.Target.Storage.ExistsAsync("/pub/first.txt"));

        await servers.RestartAsync(servers.B, () => source.Storage.PutTextAsync("/pub/while-target-down.txt", "2"));
        await EventuallyAsync(() => copy.Target.Storage.ExistsAsync("/pub/while-target-down.txt"));
        await servers.RestartAsync(servers.A);
        var sourceAgain = await sourceClient.RestoreAsync(source.ExportSecret());
        await sourceAgain.Storage.PutTextAsync("/pub/after-source-restart.txt", "3");
        await EventuallyAsync(() => copy.Target.Storage.ExistsAsync("/pub/after-source-restart.txt"));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal("2", await copy.Target.Storage.GetTextAsync("/pub/while-target-down.txt"));
    }

    public void Dispose() => File.Delete(_cursor);
}
