namespace PubkyCluster.Storage.Azure;

/// <summary>Where the cluster profile keeps records (Azure Table) and file bodies (Azure Blob).</summary>
public sealed class AzureStorageOptions
{
    /// <summary>A storage-account connection string with both a table and a blob endpoint (Azurite's works).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Prepended to every table name (users, events, tokens, grain state), so several deployments
    /// can share one account. Letters and digits, starting with a letter.
    /// </summary>
    public string TablePrefix { get; set; } = "pubky";

    /// <summary>The blob container holding file bodies; created when missing.</summary>
    public string BlobContainer { get; set; } = "pubky-blobs";
}
