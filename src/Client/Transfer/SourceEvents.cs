using Pubky.Client.Events;

namespace Pubky.Client.Transfer;

/// <summary>The source user's own events, public and private, read through their session: where a copy starts and how it catches up.</summary>
internal static class SourceEvents
{
    /// <summary>The id of the user's newest event, or 0 when there is none: a copy that starts after it misses nothing that follows.</summary>
    public static async Task<long> NewestCursorAsync(PubkyClient client, AccountCopy copy, CancellationToken cancellation)
    {
        var query = EventStreamQuery.For(copy.Source.User, paths: EventStreamQuery.PublicAndPrivate) with { Reverse = true, Limit = 1 };
        await foreach (var e in client.StreamEventsAsync(query, copy.Source, cancellation))
        {
            return e.Cursor ?? 0;
        }
        return 0;
    }

    /// <summary>
    /// Applies every event after <paramref name="cursor"/> until a pass finds none (at most <paramref name="passes"/>
    /// passes: a user writing faster than the copy keeps up is reported, not chased forever). Returns the last cursor.
    /// </summary>
    public static async Task<long> CatchUpAsync(
        PubkyClient client, AccountCopy copy, long cursor, Func<long, Task> saved, int passes, CancellationToken cancellation)
    {
        for (var pass = 0; pass < passes; pass++)
        {
            var applied = 0;
            var query = EventStreamQuery.For(copy.Source.User, cursor, paths: EventStreamQuery.PublicAndPrivate);
            await foreach (var e in client.StreamEventsAsync(query, copy.Source, cancellation))
            {
                await copy.ApplyAsync(e, cancellation);
                cursor = e.Cursor ?? cursor;
                applied++;
            }
            await saved(cursor);
            if (applied == 0)
            {
                return cursor;
            }
        }
        throw new InvalidOperationException($"The source still had new events after {passes} catch-up passes; run again to finish.");
    }
}
