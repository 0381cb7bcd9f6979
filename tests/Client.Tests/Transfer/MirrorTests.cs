using Pubky.Client.Sessions;
using Pubky.Client.Tests.Support;
using Pubky.Client.Transfer;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Transfer;

public sealed class MirrorTests(TwoHomeservers servers) : IClassFixture<TwoHomeservers>, IDisposable
{
    private readonly string _cursor = Path.Combine(Path.GetTempPath(), "pubky-mirror-" + Guid.NewGuid().ToString("N") + ".cursor");

    private async Task<(PubkySession Source, PubkySession Target, AccountCopy Copy)> PairAsync(Keypair user)
    {
        var source = await servers.ClientOf(servers.A).SignupAsync(user);
        var target = await servers.ClientOf(servers.B).SignupAsync(user);
        return (source, target, new AccountCopy(source, target));
    }

    private Mirror NewMirror(AccountCopy copy) => new(servers.ClientOf(servers.A), copy, _cursor);


    [Fact]
    public async Task A_mirror_first_copies_what_the_source_has()
    {
        using var user = Keypair.Random();
        var (source, target, copy) = await PairAsync(user);
        await source.Storage.PutTextAsync("/pub/before.txt", "before");
        await source.Storage.PutTextAsync("/priv/before.txt", "private before");
        using var stop = new CancellationTokenSource();

        var running = NewMirror(copy).RunAsync(stop.Token);
        await Eventually.HoldsAsync(async () => await target.Storage.ExistsAsync("/priv/before.txt") && await target.Storage.ExistsAsync("/pub/before.txt"));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal("private before", await target.Storage.GetTextAsync("/priv/before.txt"));
    }

    [Fact]
    public async Task A_mirror_follows_writes_overwrites_and_deletes_as_they_happen()
    {
        using var user = Keypair.Random();
        var (source, target, copy) = await PairAsync(user);
        await source.Storage.PutTextAsync("/pub/doomed.txt", "will be deleted");
        using var stop = new CancellationTokenSource();
        var mirror = NewMirror(copy);
        var running = mirror.RunAsync(stop.Token);
        await Eventually.HoldsAsync(async () => await target.Storage.ExistsAsync("/pub/doomed.txt"));

        await source.Storage.PutTextAsync("/pub/new.txt", "first");
        await source.Storage.PutTextAsync("/pub/new.txt", "second");
        await source.Storage.PutTextAsync("/priv/secret.txt", "hidden");
        await source.Storage.DeleteAsync("/pub/doomed.txt");
        await Eventually.HoldsAsync(async () => !await target.Storage.ExistsAsync("/pub/doomed.txt"));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal("second", await target.Storage.GetTextAsync("/pub/new.txt"));
        Assert.Equal("hidden", await target.Storage.GetTextAsync("/priv/secret.txt"));
    }

    [Fact]
    public async Task A_restarted_mirror_resumes_from_its_saved_cursor_with_what_was_written_while_it_was_stopped()
    {
        using var user = Keypair.Random();
        var (source, target, copy) = await PairAsync(user);
        using (var stop = new CancellationTokenSource())
        {
            var first = NewMirror(copy).RunAsync(stop.Token);
            await source.Storage.PutTextAsync("/pub/one.txt", "1");
            await Eventually.HoldsAsync(async () => await target.Storage.ExistsAsync("/pub/one.txt"));
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }
        await source.Storage.PutTextAsync("/pub/two.txt", "written while the mirror was down");
        await source.Storage.DeleteAsync("/pub/one.txt");

        using var again = new CancellationTokenSource();
        var restarted = NewMirror(new AccountCopy(source, target));
        var second = restarted.RunAsync(again.Token);
        await Eventually.HoldsAsync(async () => await target.Storage.ExistsAsync("/pub/two.txt") && !await target.Storage.ExistsAsync("/pub/one.txt"));
        await again.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);

        Assert.True(File.Exists(_cursor));
        Assert.NotNull(restarted.Cursor);
    }

    [Fact]
    public async Task A_mirror_connects_again_after_a_5xx_and_after_its_http_client_gives_up_on_the_stream()
    {
        using var user = Keypair.Random();
        var (source, target, _) = await PairAsync(user);
        await source.Storage.PutTextAsync("/pub/kept.txt", "kept");
        using var failing = new HttpClient(new FailingStreams());
        var sourceThroughFailures = new PubkyClient(failing, servers.ClientOf(servers.A).Homeserver);
        var copy = new AccountCopy(await sourceThroughFailures.RestoreAsync(source.ExportSecret()), target);
        using var stop = new CancellationTokenSource();

        var running = new Mirror(sourceThroughFailures, copy, _cursor) { ReconnectDelay = TimeSpan.FromMilliseconds(10) }.RunAsync(stop.Token);
        await Eventually.HoldsAsync(async () => await target.Storage.ExistsAsync("/pub/kept.txt"));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    /// <summary>The first /events-stream request is answered 503, the second fails as an HttpClient timeout does; then requests pass.</summary>
    private sealed class FailingStreams() : DelegatingHandler(new SocketsHttpHandler { UseCookies = false })
    {
        private int _streams;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.StartsWith("/events-stream", StringComparison.Ordinal))
            {
                return base.SendAsync(request, cancellationToken);
            }
            return Interlocked.Increment(ref _streams) switch
            {
                1 => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { Content = new StringContent("Service Unavailable") }),
                2 => Task.FromException<HttpResponseMessage>(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.")),
                _ => base.SendAsync(request, cancellationToken),
            };
        }
    }

    public void Dispose() => File.Delete(_cursor);
}
