using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pubky.Pkarr.Packets;
using PubkyCluster.Gateway.PkarrRelay;
using PubkyCluster.Gateway.Pkdns;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.Tests.Pkdns;

public sealed class HomeserverRecordRepublisherTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly HomeserverIdentity _identity = new(Options.Create(new HomeserverOptions { Testnet = true }));
    private readonly ControlledLifetime _lifetime = new();
    private readonly WatchedTime _time = new();
    private readonly PkarrNetworkSettings _network = PkarrNetworkSettings.From(new PkarrOptions(), new HomeserverOptions { Testnet = true });

    [Fact]
    public async Task Failed_publishes_are_retried_with_doubling_delays_until_one_succeeds()
    {
        var publisher = new FlakyPublisher(failures: 2);
        using var republisher = Create(publisher);
        using var patience = new CancellationTokenSource(Patience);
        _lifetime.Start();

        await republisher.StartAsync(CancellationToken.None);
        var retryDelays = new List<TimeSpan>();
        for (var retry = 0; retry < 2; retry++)
        {
            retryDelays.Add(await _time.NextTimerAsync(patience.Token));
            _time.Advance(retryDelays[^1]);
        }
        var published = await publisher.FirstSuccess.WaitAsync(Patience);
        var nextCycle = await _time.NextTimerAsync(patience.Token);
        await republisher.StopAsync(CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], retryDelays);
        Assert.Equal(3, publisher.Attempts);
        Assert.Equal(_identity.PublicKey, published.PublicKey);
        Assert.Equal(_network.HomeserverRepublishInterval, nextCycle);
    }

    [Fact]
    public async Task Nothing_is_published_before_the_host_has_started()
    {
        var publisher = new FlakyPublisher(failures: 0);
        using var republisher = Create(publisher);

        await republisher.StartAsync(CancellationToken.None);
        await _lifetime.Watched.WaitAsync(Patience);
        var attemptsBeforeStart = publisher.Attempts;
        _lifetime.Start();
        await publisher.FirstSuccess.WaitAsync(Patience);
        await republisher.StopAsync(CancellationToken.None);

        Assert.Equal(0, attemptsBeforeStart);
    }

    [Fact]
    public async Task Stops_cleanly_while_publishes_keep_failing()
    {
        var publisher = new FlakyPublisher(failures: int.MaxValue);
        using var republisher = Create(publisher);
        _lifetime.Start();
        await republisher.StartAsync(CancellationToken.None);
        await publisher.FirstAttempt.WaitAsync(Patience);

        await republisher.StopAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.True(republisher.ExecuteTask?.IsCompletedSuccessfully);
    }

    public void Dispose()
    {
        _identity.Dispose();
        _lifetime.Dispose();
    }

    private HomeserverRecordRepublisher Create(IPkarrPublisher publisher) => new(
        _identity,
        Options.Create(new HomeserverOptions { Testnet = true }),
        Options.Create(new ListenOptions()),
        publisher,
        _network,
        _lifetime,
        _time,
        NullLogger<HomeserverRecordRepublisher>.Instance);

    /// <summary>Throws for the first <c>failures</c> attempts, then accepts every packet.</summary>
    private sealed class FlakyPublisher(int failures) : IPkarrPublisher
    {
        private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<SignedPacket> _firstSuccess = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Task FirstAttempt => _firstAttempt.Task;

        public Task<SignedPacket> FirstSuccess => _firstSuccess.Task;

        public Task<PkarrPublishResult> PublishAsync(SignedPacket packet, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            _firstAttempt.TrySetResult();
            if (attempt <= failures)
            {
                throw new InvalidOperationException($"Publish attempt {attempt} fails on purpose.");
            }
            _firstSuccess.TrySetResult(packet);
            return Task.FromResult(new PkarrPublishResult(PkarrPutOutcome.Stored, 0));
        }
    }

    /// <summary>A host lifetime the test starts by hand; <see cref="Watched"/> tells that a service began waiting for it.</summary>
    private sealed class ControlledLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly TaskCompletionSource _watched = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Watched => _watched.Task;

        public CancellationToken ApplicationStarted
        {
            get
            {
                _watched.TrySetResult();
                return _started.Token;
            }
        }

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication()
        {
        }

        public void Dispose() => _started.Dispose();
    }
}
