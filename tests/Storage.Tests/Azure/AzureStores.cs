using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PubkyCluster.Storage.Azure.Blobs;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Tests.Support;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>Opens Azure stores on tables and a container named after the store, so reopening finds the same data.</summary>
internal static class AzureStores
{
    /// <summary>The tables of the store called <paramref name="name"/>; a <paramref name="log"/> sees every request their clients send.</summary>
    public static AzureTableSet Tables(AzuriteFixture azurite, string name, RequestLog? log = null)
    {
        var options = new TableClientOptions();
        if (log is not null)
        {
            options.AddPolicy(log, HttpPipelinePosition.PerRetry);
        }

        return new AzureTableSet(new TableServiceClient(azurite.ConnectionString, options), "t" + name);
    }

    /// <summary>The container of the store called <paramref name="name"/>; a <paramref name="log"/> sees every request its client sends.</summary>
    public static BlobContainerClient Container(AzuriteFixture azurite, string name, RequestLog? log = null)
    {
        var options = AzureBlobStore.ClientOptions();
        if (log is not null)
        {
            options.AddPolicy(log, HttpPipelinePosition.PerRetry);
        }

        return new BlobServiceClient(azurite.ConnectionString, options).GetBlobContainerClient("c" + name);
    }
}
