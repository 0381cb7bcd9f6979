using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;
using Pubky.Protocol.Time;
using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Embedded;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Sweeping;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>
/// One silo with the real user grain and embedded storage (SQLite and files in a fresh directory; entry reads counted by
/// <see cref="CountingUserStore"/>), whose clock is a
/// <see cref="FakeTimeProvider"/>; Orleans' own timers stay on real time. The file store stamps blobs with the
/// machine's clock, so the fake clock starts at the machine's now and tests move it by tens of minutes or more: the
/// seconds a test takes never decide an outcome.
/// </summary>
public sealed class UserGrainCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "pubky-grains-" + Guid.NewGuid().ToString("N"));

    private UserGrainCluster()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(provider => new CountingUserStore(provider.GetRequiredService<SqliteUserStore>()));
            silo.Services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<CountingUserStore>());
            silo.Services.AddPubkyEmbeddedStorage(options => options.DataDirectory = _dataDirectory);
            silo.AddPubkyEmbeddedGrainStorage();
            silo.Services.AddSingleton<TimeProvider>(Clock);
            // Orleans resolves its areas' clocks by key (Orleans.Runtime.TimeProviderNames); they keep real time.
            silo.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System);
            silo.Services.Configure<LimitsOptions>(options => options.MaxCommitDelay = MaxCommitDelay);
        });
        _cluster = builder.Build();
    }

    public static TimeSpan MaxCommitDelay { get; } = new LimitsOptions().MaxCommitDelay;

    public static TimeSpan GracePeriod { get; } = new OrphanBlobSweeperOptions().GracePeriod;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public IGrainFactory Grains => _cluster.Client;

    public IBlobStore Blobs => Silo.GetRequiredService<IBlobStore>();

    public CountingUserStore Store => Silo.GetRequiredService<CountingUserStore>();

    /// <summary>A sweeper over the silo's stores on the fake clock, with the default grace period.</summary>
    public OrphanBlobSweeper Sweeper => new(
        Blobs, Silo.GetRequiredService<IUserStore>(), Options.Create(new OrphanBlobSweeperOptions { GracePeriod = GracePeriod }), Clock);

    private IServiceProvider Silo => _cluster.Silos[0].ServiceProvider;

    public static async Task<UserGrainCluster> StartAsync()
    {
        var cluster = new UserGrainCluster();
        await cluster._cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A signed-up user with a root session: its grain and the session secret's hash.</summary>
    public async Task<(IUserGrain Grain, string SessionHash)> SignUpAsync()
    {
        using var key = Keypair.Random();
        var grain = Grains.GetGrain<IUserGrain>(key.PublicKey.Z32);
        var claim = new AuthTokenClaim(Guid.NewGuid().ToString("N"), UnixMicros.Now(Clock), "/:rw");
        var grant = await grain.SignUp(claim, signupToken: null);
        Assert.Equal(Refusal.None, grant.Refusal);
        return (grain, SessionSecret.Hash(grant.Secret!));
    }

    /// <summary>A body written and completed as the gateway does, and the commit it would send, stamped now (no session: the operator's).</summary>
    public async Task<PutCommit> UploadAsync(IUserGrain user, string? sessionHash, string path, byte[] body)
    {
        var blobId = BlobIds.New(user.GetPrimaryKeyString());
        await using (var upload = await Blobs.BeginUploadAsync(blobId))
        {
            await upload.WriteAsync(body);
            await upload.CompleteAsync();
        }
        return new PutCommit(sessionHash, path, blobId, new byte[32], body.Length, "application/octet-stream", Clock.GetUtcNow());
    }

    public async Task<bool> BlobExistsAsync(string blobId)
    {
        await using var stream = await Blobs.OpenReadAsync(blobId);
        return stream is not null;
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
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
