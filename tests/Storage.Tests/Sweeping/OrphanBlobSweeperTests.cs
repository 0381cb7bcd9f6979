using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Storage.Embedded;
using PubkyCluster.Storage.Embedded.Blobs;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Sweeping;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Sweeping;

public sealed class OrphanBlobSweeperTests(TempDirectory directory) : IClassFixture<TempDirectory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EmbeddedDatabase _database = new(directory.For(Guid.NewGuid().ToString("N")));
    private readonly InMemoryBlobStore _blobs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Old_unreferenced_blobs_are_deleted()
    {
        _blobs.Add("orphan", Now.AddHours(-2));

        var result = await Sweeper().SweepAsync();

        Assert.Empty(_blobs.Ids);
        Assert.Equal(new OrphanBlobSweepResult(1, 1), result);
    }

    [Fact]
    public async Task Referenced_blobs_are_kept()
    {
        var users = new SqliteUserStore(_database);
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/a", 1, "referenced");
        _blobs.Add("referenced", Now.AddHours(-2));

        await Sweeper().SweepAsync();

        Assert.Equal(["referenced"], _blobs.Ids);
    }

    [Fact]
    public async Task Blobs_younger_than_the_grace_period_are_kept()
    {
        _blobs.Add("uploading", Now.AddMinutes(-59));

        await Sweeper().SweepAsync();

        Assert.Equal(["uploading"], _blobs.Ids);
    }

    [Fact]
    public async Task A_pass_examines_at_most_its_bound()
    {
        for (var i = 0; i < 5; i++)
        {
            _blobs.Add($"orphan{i}", Now.AddHours(-2));
        }

        var result = await Sweeper(maxPerPass: 3).SweepAsync();

        Assert.Equal(new OrphanBlobSweepResult(3, 3), result);
        Assert.Equal(2, _blobs.Ids.Count);
    }

    [Fact]
    public async Task With_files_only_the_old_unreferenced_blob_is_deleted()
    {
        var files = new FileBlobStore(directory.For(Guid.NewGuid().ToString("N")));
        var users = new SqliteUserStore(_database);
        var user = (await CreateUserAsync(users)).User;
        var orphan = NewBlobId(user);
        var referenced = NewBlobId(user);
        var young = NewBlobId(user);
        foreach (var id in new[] { orphan, referenced, young })
        {
            await using var upload = await files.BeginUploadAsync(id);
            await upload.WriteAsync(new byte[] { 1 });
            await upload.CompleteAsync();
        }

        await PutAsync(users, user, "/pub/a", 1, referenced);
        foreach (var id in new[] { orphan, referenced })
        {
            File.SetLastWriteTimeUtc(Path.Combine(files.RootDirectory, id[..2], id), DateTime.UtcNow.AddHours(-2));
        }

        var sweeper = new OrphanBlobSweeper(files, users, Options.Create(new OrphanBlobSweeperOptions()));
        await sweeper.SweepAsync();

        Assert.Null(await files.OpenReadAsync(orphan));
        Assert.NotNull(await files.OpenReadAsync(referenced));
        Assert.NotNull(await files.OpenReadAsync(young));
    }

    [Fact]
    public void The_sweeper_service_is_registered_with_its_options()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddPubkyEmbeddedStorage(options => options.DataDirectory = directory.For("registered"))
            .AddPubkyOrphanBlobSweeper(options => options.Interval = TimeSpan.FromMinutes(5))
            .BuildServiceProvider();

        Assert.Contains(services.GetServices<IHostedService>(), service => service is OrphanBlobSweeperService);
        Assert.Equal(TimeSpan.FromMinutes(5), services.GetRequiredService<IOptions<OrphanBlobSweeperOptions>>().Value.Interval);
        Assert.Equal(TimeSpan.FromHours(1), services.GetRequiredService<IOptions<OrphanBlobSweeperOptions>>().Value.GracePeriod);
    }

    private OrphanBlobSweeper Sweeper(int maxPerPass = 100) =>
        new(
            _blobs,
            new SqliteUserStore(_database),
            Options.Create(new OrphanBlobSweeperOptions { MaxBlobsPerPass = maxPerPass }),
            new FakeTimeProvider(Now));
}
