using System.Globalization;
using System.Text;

namespace PubkyCluster.Bench;

/// <summary>
/// What the homeserver is measured against, on the same machine in the same run: a bare Kestrel app that serves a body
/// of the measured size from memory (GET /file), writes each PUT body to a new file with an fsync (PUT /file), and
/// formats pages of event lines of the homeserver's shape from memory (GET /events/), so a ratio says what the
/// homeserver costs above the machine's own limits.
/// </summary>
public static class Baseline
{
    public static async Task<int> RunAsync(int port, string directory)
    {
        Directory.CreateDirectory(directory);
        var body = Seed.Body();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenLocalhost(port);
            // The large-PUT baseline writes 50 MiB bodies; the homeserver has no blanket limit either.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.MapGet("/file", () => Results.Bytes(body, "application/octet-stream"));
        app.MapPut("/file", async (HttpRequest request) =>
        {
            var path = Path.Combine(directory, Guid.NewGuid().ToString("N"));
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await request.Body.CopyToAsync(file);
                file.Flush(flushToDisk: true);
            }
            return Results.StatusCode(201);
        });
        app.MapGet("/events/", (long cursor, int limit, long total) => Results.Text(EventsPage(cursor, limit, total), "text/plain; charset=utf-8"));
        await app.RunAsync();
        return 0;
    }

    /// <summary>Events cursor+1 .. cursor+limit (at most <paramref name="total"/>) in the /events/ format: lines, then "cursor: N".</summary>
    private static string EventsPage(long cursor, int limit, long total)
    {
        var last = Math.Min(cursor + limit, total);
        if (last <= cursor)
        {
            return string.Empty;
        }
        var page = new StringBuilder();
        for (var id = cursor + 1; id <= last; id++)
        {
            page.Append("PUT pubky://").Append(Accounts.TestnetHomeserver).Append(Listing.Directory)
                .Append(id.ToString("D6", CultureInfo.InvariantCulture)).Append('\n');
        }
        return page.Append("cursor: ").Append(last.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
