using System.Net;
using Pubky.Client.Errors;
using Pubky.Client.Events;
using Pubky.Client.Sessions;

namespace Pubky.Client.Transfer;

/// <summary>
/// Copies one user's files from a session on one homeserver to a session on another, file by file, and applies their
/// events: what <see cref="Migration"/> and <see cref="Mirror"/> share. Every step is idempotent: a file whose body hash
/// is already the source's on the target is not sent again, a delete of a missing file is done, so a copy killed at any
/// point and run again finishes with nothing duplicated or lost. Each copied body is verified by its BLAKE3 hash, which
/// both homeservers report as the ETag.
/// </summary>
public sealed class AccountCopy(PubkySession source, PubkySession target, IProgress<TransferProgress>? progress = null)
{
    /// <summary>The two roots a user's files live under.</summary>
    public static IReadOnlyList<string> Roots { get; } = ["/pub/", "/priv/"];

    private long _seen, _copied, _unchanged, _deleted, _bytes;

    public PubkySession Source => source;

    public PubkySession Target => target;

    public TransferProgress Progress => new(_seen, _copied, _unchanged, _deleted, _bytes, null);

    /// <summary>Every file under <see cref="Roots"/> on the source, copied where the target lacks it or holds another body.</summary>
    public async Task CopyEverythingAsync(CancellationToken cancellation = default)
    {
        foreach (var root in Roots)
        {
            await foreach (var url in source.Storage.ListAllAsync(root, cancellation: cancellation))
            {
                await CopyFileAsync(PubkyUrl.Parse(url).Path, cancellation);
            }
        }
    }

    /// <summary>Copies <paramref name="path"/> if its body differs on the target; a file the source no longer has is skipped (its delete event follows).</summary>
    public async Task CopyFileAsync(string path, CancellationToken cancellation = default)
    {
        _seen++;
        var expected = await source.Storage.StatsAsync(path, cancellation);
        if (expected is null)
        {
            Report(path);
            return;
        }
        if ((await target.Storage.StatsAsync(path, cancellation))?.ContentHash == expected.ContentHash)
        {
            _unchanged++;
            Report(path);
            return;
        }
        Stream body;
        try
        {
            (body, _) = await source.Storage.OpenAsync(path, cancellation);
        }
        catch (PubkyRequestException e) when (e.Status == HttpStatusCode.NotFound)
        {
            Report(path);
            return;
        }
        await using (body)
        {
            await target.Storage.PutAsync(path, body, expected.ContentLength, cancellation);
        }
        var actual = (await target.Storage.StatsAsync(path, cancellation))?.ContentHash;
        // A write on the source between its HEAD and GET changes the body read: accept the source's newest hash too.
        if (actual != expected.ContentHash && actual != (await source.Storage.StatsAsync(path, cancellation))?.ContentHash)
        {
            throw new TransferVerificationException(path, expected.ContentHash, actual);
        }
        _copied++;
        _bytes += expected.ContentLength;
        Report(path);
    }

    /// <summary>Brings the target in line with one source event: a write is copied (as the source has it now), a delete done.</summary>
    public async Task ApplyAsync(FeedEvent e, CancellationToken cancellation = default)
    {
        if (e.Kind == EventKind.Put)
        {
            await CopyFileAsync(e.Url.Path, cancellation);
            return;
        }
        await DeleteOnTargetAsync(e.Url.Path, cancellation);
    }

    /// <summary>Deletes <paramref name="path"/> on the target unless the source has it again; missing already counts as done.</summary>
    public async Task DeleteOnTargetAsync(string path, CancellationToken cancellation = default)
    {
        if (await source.Storage.ExistsAsync(path, cancellation))
        {
            await CopyFileAsync(path, cancellation);
            return;
        }
        _seen++;
        try
        {
            await target.Storage.DeleteAsync(path, cancellation);
            _deleted++;
        }
        catch (PubkyRequestException e) when (e.Status == HttpStatusCode.NotFound)
        {
        }
        Report(path);
    }

    private void Report(string path) => progress?.Report(Progress with { Current = path });
}
