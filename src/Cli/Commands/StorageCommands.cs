using System.CommandLine;
using Pubky.Cli.Console;
using Pubky.Client.Events;
using Pubky.Client.Storage;
using Pubky.Protocol.Keys;

namespace Pubky.Cli.Commands;

/// <summary>
/// <c>pubky put|get|ls|rm</c>. A target is the key's own <c>/pub/…</c> or <c>/priv/…</c> path (with --key), or anyone's
/// <c>pubky://&lt;z32&gt;/pub/…</c> (read without a key). The homeserver is --homeserver or the one the user's record names.
/// </summary>
public static class StorageCommands
{
    public static Command Put()
    {
        var path = new Argument<string>("path") { Description = "The path to write, /pub/… or /priv/…" };
        var file = new Argument<string>("file") { Description = "The file to send, or - for standard input." };
        var homeserver = GlobalOptions.Homeserver();
        var command = new Command("put", "Write a file to the key's storage.") { path, file, GlobalOptions.Key, homeserver };
        CliRun.Action(command, async (context, cancellation) =>
        {
            using var user = context.LoadKey();
            var session = await context.SigninAsync(user, homeserver, cancellation);
            var source = context.Parse.GetValue(file)!;
            var target = context.Parse.GetValue(path)!;
            long? length = source == "-" ? null : new FileInfo(source).Length;
            await using (var body = ProgressStream.Wrap(source == "-" ? System.Console.OpenStandardInput() : File.OpenRead(source), length, target, context.Output))
            {
                await session.Storage.PutAsync(target, body, length, cancellation);
            }
            var stats = await session.Storage.StatsAsync(target, cancellation);
            context.Output.Result(
                $"put {target} ({stats?.ContentLength:N0} bytes, {stats?.ContentType})",
                new { path = target, length = stats?.ContentLength, content_type = stats?.ContentType, content_hash = stats?.ContentHash });
        });
        return command;
    }

    public static Command Get()
    {
        var target = new Argument<string>("target") { Description = "pubky://<z32>/pub/… (anyone's public file) or /pub/…, /priv/… with --key." };
        var output = new Option<FileInfo>("--out") { Description = "Write the body here instead of standard output." };
        var homeserver = GlobalOptions.Homeserver();
        var command = new Command("get", "Read a file.") { target, output, GlobalOptions.OptionalKey, homeserver };
        CliRun.Action(command, async (context, cancellation) =>
        {
            var storage = await StorageOfAsync(context, context.Parse.GetValue(target)!, homeserver, cancellation);
            var (body, stats) = await storage.OpenAsync(cancellation);
            await using (body)
            {
                if (context.Parse.GetValue(output) is { } file)
                {
                    await using (var written = File.Create(file.FullName))
                    {
                        await ProgressStream.Wrap(body, stats.ContentLength, storage.Path, context.Output).CopyToAsync(written, cancellation);
                    }
                    context.Output.Result(
                        $"{storage.Path} -> {file.FullName} ({stats.ContentLength:N0} bytes, {stats.ContentType})",
                        new { path = storage.Path, file = file.FullName, length = stats.ContentLength, content_type = stats.ContentType, content_hash = stats.ContentHash });
                    return;
                }
                await using var stdout = System.Console.OpenStandardOutput();
                await body.CopyToAsync(stdout, cancellation);
            }
        });
        return command;
    }

    public static Command List()
    {
        var target = new Argument<string>("directory") { Description = "pubky://<z32>/pub/dir/ or /pub/dir/, /priv/dir/ with --key (ends with /)." };
        var shallow = new Option<bool>("--shallow") { Description = "Only the directory's immediate children (sub-directories end with /)." };
        var reverse = new Option<bool>("--reverse") { Description = "Newest (last in byte order) first." };
        var limit = new Option<int?>("--limit") { Description = "At most this many entries (server default 100, at most 1000)." };
        var cursor = new Option<string>("--cursor") { Description = "Continue after this pubky:// URL (the last line of the previous page)." };
        var all = new Option<bool>("--all") { Description = "Every entry, page after page (deep listings only)." };
        var homeserver = GlobalOptions.Homeserver();
        var command = new Command("ls", "List a directory.") { target, shallow, reverse, limit, cursor, all, GlobalOptions.OptionalKey, homeserver };
        CliRun.Action(command, async (context, cancellation) =>
        {
            var storage = await StorageOfAsync(context, context.Parse.GetValue(target)!, homeserver, cancellation);
            IReadOnlyList<string> urls;
            if (context.Parse.GetValue(all))
            {
                var every = new List<string>();
                await foreach (var url in storage.ListAllAsync(cancellation))
                {
                    every.Add(url);
                }
                urls = every;
            }
            else
            {
                urls = await storage.ListAsync(
                    new ListOptions(context.Parse.GetValue(limit), context.Parse.GetValue(cursor), context.Parse.GetValue(reverse), context.Parse.GetValue(shallow)),
                    cancellation);
            }
            if (context.Output.IsJson)
            {
                context.Output.Result("", new { urls });
                return;
            }
            foreach (var url in urls)
            {
                context.Output.Line(url);
            }
        });
        return command;
    }

    public static Command Remove()
    {
        var path = new Argument<string>("path") { Description = "The path to delete, /pub/… or /priv/…" };
        var homeserver = GlobalOptions.Homeserver();
        var command = new Command("rm", "Delete a file from the key's storage.") { path, GlobalOptions.Key, homeserver };
        CliRun.Action(command, async (context, cancellation) =>
        {
            using var user = context.LoadKey();
            var session = await context.SigninAsync(user, homeserver, cancellation);
            var target = context.Parse.GetValue(path)!;
            await session.Storage.DeleteAsync(target, cancellation);
            context.Output.Result($"deleted {target}", new { path = target, deleted = true });
        });
        return command;
    }

    /// <summary>Where a get or ls reads: anyone's public storage for a pubky:// URL, the key's session for a bare path.</summary>
    private static async Task<TargetStorage> StorageOfAsync(CliContext context, string target, Option<string> homeserver, CancellationToken cancellation)
    {
        if (target.StartsWith(PubkyUrl.Scheme, StringComparison.Ordinal))
        {
            var url = PubkyUrl.Parse(target);
            var client = context.ClientOf(await context.HomeserverAsync(homeserver, url.User, cancellation));
            return new TargetStorage(url.Path, client.Public, url.User, null);
        }
        if (context.KeyFile() is null)
        {
            throw new CliInputException($"'{target}' is a path of your own storage: give --key, or a pubky://<z32>{target} URL.");
        }
        using var user = context.LoadKey();
        var session = await context.SigninAsync(user, homeserver, cancellation);
        return new TargetStorage(target, null, session.User, session.Storage);
    }

    private sealed record TargetStorage(string Path, PublicStorage? Public, PublicKey User, SessionStorage? Own)
    {
        public Task<(Stream Body, ResourceStats Stats)> OpenAsync(CancellationToken cancellation) =>
            Own?.OpenAsync(Path, cancellation) ?? Public!.OpenAsync(User, Path, cancellation);

        public Task<IReadOnlyList<string>> ListAsync(ListOptions options, CancellationToken cancellation) =>
            Own?.ListAsync(Path, options, cancellation) ?? Public!.ListAsync(User, Path, options, cancellation);

        public IAsyncEnumerable<string> ListAllAsync(CancellationToken cancellation) =>
            Own?.ListAllAsync(Path, cancellation: cancellation) ?? Public!.ListAllAsync(User, Path, cancellation: cancellation);
    }
}
