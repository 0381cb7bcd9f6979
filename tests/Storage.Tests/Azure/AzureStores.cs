using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PubkyCluster.Storage.Azure.Blobs;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Tests.Support;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>Opens Azure stores on tables and a container named after the store, so reopening finds the same data.</summary>
internal static class AzureStores
{
    public static AzureTableSet Tables(AzuriteFixture azurite, string name) =>
        new(new TableServiceClient(azurite.ConnectionString), "t" + name);

    public static BlobContainerClient Container(AzuriteFixture azurite, string name) =>
        new BlobServiceClient(azurite.ConnectionString, AzureBlobStore.ClientOptions()).GetBlobContainerClient("c" + name);
}
