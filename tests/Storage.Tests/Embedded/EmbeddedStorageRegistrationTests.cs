using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using PubkyCluster.Storage.Embedded;
using PubkyCluster.Storage.Embedded.Blobs;
using PubkyCluster.Storage.Embedded.GrainState;
using PubkyCluster.Storage.Embedded.SignupTokens;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Embedded;

public sealed class EmbeddedStorageRegistrationTests(TempDirectory directory) : IClassFixture<TempDirectory>
{
    [Fact]
    public async Task One_user_store_serves_both_the_user_and_the_event_port()
    {
        await using var services = Build(directory.For("ports"));

        var users = services.GetRequiredService<IUserStore>();

        Assert.IsType<SqliteUserStore>(users);
        Assert.Same(users, services.GetRequiredService<IEventStore>());
        Assert.IsType<SqliteSignupTokenStore>(services.GetRequiredService<ISignupTokenStore>());
        Assert.IsType<EmbeddedBlobStore>(services.GetRequiredService<IBlobStore>());
    }

    [Fact]
    public async Task Bodies_larger_than_the_inline_limit_live_in_the_blobs_directory_of_the_data_directory()
    {
        var data = directory.For("layout");
        await using var services = Build(data);
        var blobs = services.GetRequiredService<IBlobStore>();
        var id = BlobIds.New("owner");

        await using (var upload = await blobs.BeginUploadAsync(id))
        {
            await upload.WriteAsync(new byte[EmbeddedBlobStore.InlineBytes + 1]);
            await upload.CompleteAsync();
        }

        Assert.Single(Directory.GetFiles(Path.Combine(data, "blobs"), id, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_empty_data_directory_fails_validation()
    {
        await using var services = Build(" ");

        var failure = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<EmbeddedStorageOptions>>().Value);
        Assert.Contains(nameof(EmbeddedStorageOptions.DataDirectory), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_creates_a_missing_data_directory()
    {
        var data = Path.Combine(directory.For("missing"), "nested");

        var result = new EmbeddedStorageOptionsValidator().Validate(null, new EmbeddedStorageOptions { DataDirectory = data });

        Assert.True(result.Succeeded);
        Assert.True(Directory.Exists(data));
    }

    [Fact]
    public void The_grain_storage_is_registered_under_the_pubky_name()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPubkyEmbeddedStorage(options => options.DataDirectory = directory.For("silo"));
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddPubkyEmbeddedGrainStorage());
        using var host = builder.Build();

        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);

        Assert.IsType<SqliteGrainStorage>(storage);
    }

    private static ServiceProvider Build(string dataDirectory) =>
        new ServiceCollection()
            .AddLogging()
            .AddPubkyEmbeddedStorage(options => options.DataDirectory = dataDirectory)
            .BuildServiceProvider();
}
