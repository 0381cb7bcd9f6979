using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Blobs;

/// <summary>
/// Blob bodies as files under one root, fanned out into sub-directories named by the first two characters of the id
/// so no directory grows huge. An upload becomes visible only by an atomic rename of a flushed temporary file.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    internal const string TemporarySuffix = ".tmp";

    private const int BufferSize = 81_920;

    /// <summary>Creates <paramref name="rootDirectory"/> when missing.</summary>
    public FileBlobStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(RootDirectory);
    }

    public string RootDirectory { get; }

    /// <exception cref="IOException">A blob or an upload with this id exists already: ids must be fresh.</exception>
    public Task<IBlobUpload> BeginUploadAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        var directory = EnsureFanOutDirectory(blobId);
        var finalPath = Path.Combine(directory, blobId);
        if (File.Exists(finalPath))
        {
            throw new IOException($"The blob {blobId} exists already.");
        }

        var temporaryPath = finalPath + TemporarySuffix;
        var stream = new FileStream(
            temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        return Task.FromResult<IBlobUpload>(new FileBlobUpload(blobId, stream, temporaryPath, finalPath));
    }

    /// <summary>
    /// Shares read and delete, so a concurrent delete of an overwritten body only unlinks the name and this reader
    /// keeps the data it opened.
    /// </summary>
    public Task<Stream?> OpenReadAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Stream stream = new FileStream(
                PathOf(blobId),
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read | FileShare.Delete,
                BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <summary>Removes the body and any unfinished upload of the id.</summary>
    public Task DeleteAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(blobId);
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            // Nothing was ever stored under this fan-out directory. Asked first, not learnt from an exception: most
            // released bodies are inline rows (EmbeddedBlobStore), and a throw per overwrite showed in profiles.
            return Task.CompletedTask;
        }

        try
        {
            File.Delete(path);
            File.Delete(path + TemporarySuffix);
        }
        catch (DirectoryNotFoundException)
        {
            // Removed since it was looked at: nothing is left under it.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A body is never rewritten, so one found old stays old until it is unlinked. The body is looked at first: an
    /// upload renamed into place after that look is fresh and its temporary file is gone, so neither is touched. A stale
    /// temporary file that is removed makes its upload fail at the rename, before any commit.
    /// </summary>
    public Task<bool> DeleteIfCreatedBeforeAsync(string blobId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(blobId);
        var deleted = DeleteIfWrittenBefore(path, before.UtcDateTime);
        deleted |= DeleteIfWrittenBefore(path + TemporarySuffix, before.UtcDateTime);
        return Task.FromResult(deleted);
    }

    /// <summary>
    /// Complete blobs and abandoned uploads whose last write is before <paramref name="before"/>; an upload still
    /// being written keeps a recent write time and is left alone.
    /// </summary>
    public IAsyncEnumerable<string> ListCreatedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        ListCreatedBefore(before.UtcDateTime, cancellationToken).ToAsyncEnumerable();

    private IEnumerable<string> ListCreatedBefore(DateTime beforeUtc, CancellationToken cancellationToken)
    {
        foreach (var directory in Directory.EnumerateDirectories(RootDirectory))
        {
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetFileName(file);
                var blobId = name.EndsWith(TemporarySuffix, StringComparison.Ordinal) ? name[..^TemporarySuffix.Length] : name;
                var info = new FileInfo(file);
                if (BlobIds.IsValid(blobId) && info.Exists && info.LastWriteTimeUtc < beforeUtc && listed.Add(blobId))
                {
                    yield return blobId;
                }
            }
        }
    }

    private static bool DeleteIfWrittenBefore(string path, DateTime beforeUtc)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.LastWriteTimeUtc >= beforeUtc)
        {
            return false;
        }

        file.Delete();
        return true;
    }

    private string PathOf(string blobId) => Path.Combine(RootDirectory, FanOut(blobId), blobId);

    /// <summary>Creates the fan-out directory on first use and makes its name durable.</summary>
    private string EnsureFanOutDirectory(string blobId)
    {
        var directory = Path.Combine(RootDirectory, FanOut(blobId));
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            DirectorySync.Flush(RootDirectory);
        }

        return directory;
    }

    private static string FanOut(string blobId) => blobId[..Math.Min(2, blobId.Length)];
}
