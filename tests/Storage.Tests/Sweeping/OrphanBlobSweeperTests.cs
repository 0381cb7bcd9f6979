using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Storage.Ports;
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
    private readonly EmbeddedDatabase database = new(directory.For(Guid.NewGuid().ToString("N")));
    private readonly InMemoryBlobStore blobs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Old_unreferenced_blobs_are_deleted()
    {
        blobs.Add("orphan", Now.AddHours(-2));

        var result = await Sweeper().SweepAsync();

        Assert.Empty(blobs.Ids);
        Assert.Equal(new OrphanBlobSweepResult(1, 1), result);
    }

    [Fact]
    public async Task Referenced_blobs_are_kept()
    {
        var users = new SqliteUserStore(database);
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/a", 1, "referenced");
        blobs.Add("referenced", Now.AddHours(-2));

        await Sweeper().SweepAsync();

        Assert.Equal(["referenced"], blobs.Ids);
    }

    [Fact]
    public async Task Blobs_younger_than_the_grace_period_are_kept()
    {
        blobs.Add("uploading", Now.AddMinutes(-59));

        await Sweeper().SweepAsync();

        Assert.Equal(["uploading"], blobs.Ids);
    }

    [Fact]
    public async Task A_pass_examines_at_most_its_bound()
    {
        for (int i = 0; i < 5; i++)
        {
            blobs.Add($"orphan{i}", Now.AddHours(-2));
        }

        var result = await Sweeper(maxPerPass: 3).SweepAsync();

        Assert.Equal(new OrphanBlobSweepResult(3, 3), result);
        Assert.Equal(2, blobs.Ids.Count);
    }

    [Fact]
    public async Task With_files_only_the_old_unreferenced_blob_is_deleted()
    {
        var files = new FileBlobStore(directory.For(Guid.NewGuid().ToString("N")));
        var users = new SqliteUserStore(database);
        var user = (await CreateUserAsync(users)).User;
        string orphan = NewBlobId();
        string referenced = NewBlobId();
        string young = NewBlobId();
        foreach (string id in new[] { orphan, referenced, young })
        {
            await using var upload = await files.BeginUploadAsync(id);
            await upload.WriteAsync(new byte[] { 1 });
            await upload.CompleteAsync();
        }

        await PutAsync(users, user, "/pub/a", 1, referenced);
        foreach (string id in new[] { orphan, referenced })
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
            blobs,
            new SqliteUserStore(database),
            Options.Create(new OrphanBlobSweeperOptions { MaxBlobsPerPass = maxPerPass }),
            new FakeTimeProvider(Now));
}
