using Microsoft.Data.Sqlite;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Blobs;

/// <summary>
/// The embedded profile's bodies: one of up to <see cref="InlineBytes"/> is a row of the database, committed with the
/// other writers' transactions (group commit), so a small PUT shares its fsyncs instead of paying a file's and its
/// directory's; a larger one is a file of <see cref="FileBlobStore"/>. A commit that replaces or removes an entry
/// deletes its inline body in the same transaction (<see cref="DeleteInlineAsync"/>).
/// </summary>
public sealed class EmbeddedBlobStore(EmbeddedDatabase database, FileBlobStore files, TimeProvider clock) : IBlobStore
{
    /// <summary>64 KiB: the gateway's body cache holds bodies up to this size, and rows stay well below SQLite's limits.</summary>
    public const int InlineBytes = 64 * 1024;

    public Task<IBlobUpload> BeginUploadAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IBlobUpload>(new InlineBlobUpload(blobId, this, files));
    }

    /// <summary>An inline body is read whole (it is small), so a later delete does not cut the reader off.</summary>
    public async Task<Stream?> OpenReadAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        var body = await database.ReadAsync(
            async (connection, token) =>
            {
                using var command = database.Command(connection, "SELECT body FROM blobs WHERE id = $id");
                command.Parameters.Bind("$id", blobId);
                return await command.ExecuteScalarAsync(token) as byte[];
            },
            cancellationToken);
        return body is null ? await files.OpenReadAsync(blobId, cancellationToken) : new MemoryStream(body, writable: false);
    }

    /// <summary>
    /// Writes only when an inline row exists: a released body is mostly deleted by its commit already. A body is a row
    /// or a file, never both (<see cref="InlineBlobUpload"/>), so a row found means no file to look for.
    /// </summary>
    public async Task DeleteAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        if (await IsInlineAsync(blobId, cancellationToken))
        {
            await database.WriteAsync(
                async (connection, transaction, token) =>
                {
                    await DeleteInlineAsync(database, connection, transaction, blobId, token);
                    return true;
                },
                cancellationToken);
            return;
        }

        await files.DeleteAsync(blobId, cancellationToken);
    }

    public async Task<bool> DeleteIfCreatedBeforeAsync(string blobId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var deleted = await files.DeleteIfCreatedBeforeAsync(blobId, before, cancellationToken);
        deleted |= await database.WriteAsync(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection, "DELETE FROM blobs WHERE id = $id AND created_at < $before", transaction);
                command.Parameters.Bind("$id", blobId);
                command.Parameters.Bind("$before", SqliteValues.ToMicros(before));
                return await command.ExecuteNonQueryAsync(token) > 0;
            },
            cancellationToken);
        return deleted;
    }

    /// <summary>Inline bodies by their creation time (an index, no body read), then the files.</summary>
    public async IAsyncEnumerable<string> ListCreatedBeforeAsync(
        DateTimeOffset before,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inline = await database.ReadAsync<IReadOnlyList<string>>(
            async (connection, token) =>
            {
                using var command = database.Command(connection, "SELECT id FROM blobs WHERE created_at < $before");
                command.Parameters.Bind("$before", SqliteValues.ToMicros(before));
                var ids = new List<string>();
                using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            },
            cancellationToken);
        foreach (var id in inline)
        {
            yield return id;
        }

        await foreach (var id in files.ListCreatedBeforeAsync(before, cancellationToken))
        {
            yield return id;
        }
    }

    /// <summary>Deletes the inline body <paramref name="blobId"/>, if there is one, inside a writer's transaction.</summary>
    internal static async Task DeleteInlineAsync(
        EmbeddedDatabase database, SqliteConnection connection, SqliteTransaction transaction, string blobId, CancellationToken cancellationToken)
    {
        using var command = database.Command(connection, "DELETE FROM blobs WHERE id = $id", transaction);
        command.Parameters.Bind("$id", blobId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores a completed small body durably; a row with the id already is refused as an existing blob.</summary>
    internal Task StoreInlineAsync(string blobId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection,
                    "INSERT INTO blobs (id, created_at, body) VALUES ($id, $created_at, $body) ON CONFLICT (id) DO NOTHING",
                    transaction);
                command.Parameters.Bind("$id", blobId);
                command.Parameters.Bind("$created_at", SqliteValues.ToMicros(clock.GetUtcNow()));
                command.Parameters.Add("$body", SqliteType.Blob).Value = body.ToArray();
                if (await command.ExecuteNonQueryAsync(token) == 0)
                {
                    throw new IOException($"The blob {blobId} exists already.");
                }

                return true;
            },
            cancellationToken);

    private Task<bool> IsInlineAsync(string blobId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async (connection, token) =>
            {
                using var command = database.Command(connection, "SELECT EXISTS (SELECT 1 FROM blobs WHERE id = $id)");
                command.Parameters.Bind("$id", blobId);
                return await command.ExecuteScalarAsync(token) is 1L;
            },
            cancellationToken);
}
