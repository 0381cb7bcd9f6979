using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Publisher;
using Pubky.Protocol.Keys;
using PubkyCluster.Grains.Operators;
using PubkyCluster.Grains.Pkarr;
using PubkyCluster.Storage.Embedded;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Tests.Pkarr;

/// <summary>
/// One silo with the real grains and embedded storage (fresh data directory), the republisher registered as a host
/// does, a <see cref="FakeDht"/>, a <see cref="FakeTimeProvider"/> for the grains and small batches. Its timer's first
/// run is an hour away (Orleans' timers stay on real time): tests trigger passes.
/// </summary>
public sealed class RepublisherCluster : IAsyncDisposable
{
    public const int BatchSize = 2;

    /// <summary>When test users signed up: the republisher never reads it, so any fixed moment will do.</summary>
    private static readonly DateTimeOffset SignedUpAt = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InProcessTestCluster _cluster;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "pubky-grains-" + Guid.NewGuid().ToString("N"));

    private RepublisherCluster()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddPubkyEmbeddedStorage(options => options.DataDirectory = _dataDirectory);
            silo.AddPubkyEmbeddedGrainStorage();
            silo.Services.AddSingleton<IMutableItemDht>(Dht);
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton<IPkarrRepublishMetrics>(Metrics);
            silo.Services.AddPkarrRepublisher();
            silo.Services.Configure<UserRepublisherOptions>(options =>
            {
                options.HomeserverKey = Homeserver.PublicKey.Z32;
                options.FirstRunDelay = TimeSpan.FromHours(1);
                options.BatchSize = BatchSize;
                options.Publisher = new PkarrPublisherOptions { MinStoredNodes = 1, MaxRetries = 0 };
            });
        });
        _cluster = builder.Build();
    }

    public Keypair Homeserver { get; } = Keypair.Random();

    public FakeDht Dht { get; } = new();

    /// <summary>On a whole second, so the times the stores keep (microseconds) compare equal to it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public RecordingMetrics Metrics { get; } = new();

    public IGrainFactory Grains => _cluster.Client;

    public static async Task<RepublisherCluster> StartAsync()
    {
        var cluster = new RepublisherCluster();
        await cluster._cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A user signed up here, with no packet anywhere yet.</summary>
    public async Task<Keypair> SignUpAsync()
    {
        var user = Keypair.Random();
        var store = _cluster.Silos[0].ServiceProvider.GetRequiredService<IUserStore>();
        await store.TryCreateUserAsync(new UserRecord(user.PublicKey.Z32, SignedUpAt, false, QuotaRecord.Default, 0, 0, null));
        return user;
    }

    /// <summary>What the relay holds for <paramref name="key"/>: the newest packet the homeserver has seen.</summary>
    public async Task<SignedPacket?> HeldAsync(PublicKey key) =>
        await Grains.GetGrain<IPkarrRecordGrain>(key.Z32).Get() is { } stored ? SignedPacket.FromBytes(stored.SignedPacket) : null;

    /// <summary>As a PUT to this homeserver's relay leaves it.</summary>
    public Task HoldAsync(SignedPacket packet) =>
        Grains.GetGrain<IPkarrRecordGrain>(packet.PublicKey.Z32).Put(packet.Bytes.ToArray(), casTimestamp: null);

    /// <summary>The first page of the admin listing of departed users.</summary>
    public async Task<IReadOnlyList<DepartedUserView>> DepartedAsync() =>
        (await Grains.GetGrain<IHomeserverTotalsGrain>(0).ListDepartedUsers(after: null, limit: 100)).Items;

    public Task<RepublishCounts> RepublishNowAsync() =>
        Grains.GetGrain<IPkarrRepublisherGrain>(IPkarrRepublisherGrain.SingletonKey).RepublishNow();

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        Homeserver.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
