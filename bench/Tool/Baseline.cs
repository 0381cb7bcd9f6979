namespace PubkyCluster.Bench;

/// <summary>
/// What the homeserver is measured against, on the same machine in the same run: a bare Kestrel app that serves a body
/// of the measured size from memory (GET /file) and writes each PUT body to a new file with an fsync (PUT /file), so a
/// ratio says what the homeserver costs above the machine's own limits.
/// </summary>
public static class Baseline
{
    public static async Task<int> RunAsync(int port, string directory)
    {
        Directory.CreateDirectory(directory);
        var body = Seed.Body();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
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
        await app.RunAsync();
        return 0;
    }
}
