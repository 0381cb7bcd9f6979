using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PubkyCluster.Storage.Azure;
using PubkyCluster.Storage.Azure.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Support;

namespace PubkyCluster.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageRegistrationTests(AzuriteFixture azurite)
{
    [AzuriteFact]
    public async Task The_registered_stores_share_one_user_store_and_work()
    {
        using var provider = new ServiceCollection()
            .AddPubkyAzureStorage(options =>
            {
                options.ConnectionString = azurite.ConnectionString;
                options.TablePrefix = "reg" + Guid.NewGuid().ToString("N")[..12];
                options.BlobContainer = "reg-" + Guid.NewGuid().ToString("N")[..12];
            })
            .BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<IUserStore>(), provider.GetRequiredService<IEventStore>());
        Assert.IsType<AzureUserStore>(provider.GetRequiredService<IUserStore>());
        Assert.Equal((0L, 0L), await provider.GetRequiredService<ISignupTokenStore>().CountAsync());
        await provider.GetRequiredService<IBlobStore>().DeleteAsync("missing");
    }

    [Theory]
    [InlineData("", "pubky", "pubky-blobs", "ConnectionString")]
    [InlineData("UseDevelopmentStorage=true", "1pubky", "pubky-blobs", "TablePrefix")]
    [InlineData("UseDevelopmentStorage=true", "pub_ky", "pubky-blobs", "TablePrefix")]
    [InlineData("UseDevelopmentStorage=true", "pubky", "Pubky", "BlobContainer")]
    [InlineData("UseDevelopmentStorage=true", "pubky", "pubky--blobs", "BlobContainer")]
    public void Invalid_options_fail_with_the_setting_named(string connectionString, string prefix, string container, string setting)
    {
        var result = new AzureStorageOptionsValidator().Validate(
            null, new AzureStorageOptions { ConnectionString = connectionString, TablePrefix = prefix, BlobContainer = container });

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_with_a_connection_string_are_valid() =>
        Assert.Equal(
            ValidateOptionsResult.Success,
            new AzureStorageOptionsValidator().Validate(null, new AzureStorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
}
