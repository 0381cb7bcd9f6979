namespace PubkyCluster.Storage.Embedded;

/// <summary>Where the single-process profile keeps everything: the SQLite file and the blob directory.</summary>
public sealed class EmbeddedStorageOptions
{
    /// <summary>The data directory; relative paths are resolved against the working directory. Created when missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The blob directory inside the data directory.</summary>
    public string BlobDirectory => Path.Combine(DataDirectory, "blobs");
}
