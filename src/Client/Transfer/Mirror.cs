using System.Globalization;
using Pubky.Client.Errors;
using Pubky.Client.Events;

namespace Pubky.Client.Transfer;

/// <summary>
/// A live copy of a user's account on a second homeserver: a first full copy, then every event of the source's
/// <c>/events-stream</c> (live, public and private) applied as it comes, the cursor saved after each one in
/// <c>cursorPath</c>, so that a mirror restarted (or whose source restarted) resumes from the last event it applied.
/// </summary>
public sealed class Mirror(PubkyClient source, AccountCopy copy, string cursorPath, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The pause before connecting again after the stream ended or failed.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The last event applied, or null before the first full copy finished.</summary>
    public long? Cursor { get; private set; }

    /// <summary>Follows the source until <paramref name="cancellation"/>; each end or failure of the stream is followed by a new connection.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await FollowOnceAsync(cancellation);
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && IsPassing(e))
            {
                // The source or the target went away (a restart, an HttpClient timeout ending a long stream, a 5xx while
                // a homeserver comes back): the saved cursor says where to resume.
            }
            await Task.Delay(ReconnectDelay, _clock, cancellation);
        }
    }

    private static bool IsPassing(Exception e) =>
        e is HttpRequestException or IOException or OperationCanceledException
        || e is PubkyRequestException { Status: >= System.Net.HttpStatusCode.InternalServerError };

    /// <summary>One connection: the first full copy if none was made yet, then the live stream until the server ends it.</summary>
    public async Task FollowOnceAsync(CancellationToken cancellation)
    {
        Cursor ??= await LoadCursorAsync(cancellation);
        if (Cursor is null)
        {
            var start = await SourceEvents.NewestCursorAsync(source, copy, cancellation);
            await copy.CopyEverythingAsync(cancellation);
            await SaveAsync(start, cancellation);
        }
        var query = EventStreamQuery.For(copy.Source.User, Cursor, live: true, paths: EventStreamQuery.PublicAndPrivate);
        await foreach (var e in source.StreamEventsAsync(query, copy.Source, cancellation))
        {
            await copy.ApplyAsync(e, cancellation);
            if (e.Cursor is { } cursor)
            {
                await SaveAsync(cursor, cancellation);
            }
        }
    }

    private async Task<long?> LoadCursorAsync(CancellationToken cancellation) =>
        File.Exists(cursorPath) && long.TryParse((await File.ReadAllTextAsync(cursorPath, cancellation)).Trim(), CultureInfo.InvariantCulture, out var saved)
            ? saved
            : null;

    private async Task SaveAsync(long cursor, CancellationToken cancellation)
    {
        var temporary = cursorPath + ".tmp";
        await File.WriteAllTextAsync(temporary, cursor.ToString(CultureInfo.InvariantCulture), cancellation);
        File.Move(temporary, cursorPath, overwrite: true);
        Cursor = cursor;
    }
}
