using System.CommandLine;
using Pubky.Cli.Console;
using Pubky.Client.Transfer;

namespace Pubky.Cli.Commands;

/// <summary><c>pubky migrate</c> (move an account and switch its record) and <c>pubky mirror</c> (keep a live copy), over one copy implementation.</summary>
public static class MoveCommands
{
    public static Command Migrate()
    {
        var from = GlobalOptions.Homeserver("--from", required: true);
        var to = GlobalOptions.Homeserver("--to", required: true);
        var token = new Option<string>("--signup-token") { Description = "The target's signup token, when it requires one." };
        var state = new Option<FileInfo>("--state") { Description = "Where the migration saves its progress (default: pubky-migrate-<user>.json here); run again with it to resume." };
        var deleteSource = new Option<bool>("--delete-source") { Description = "Delete every file on the source once the record points at the target." };
        var command = new Command("migrate", "Move the key's account to another homeserver: copy every file, catch up, point the PKARR record at the target.")
        {
            GlobalOptions.Key, from, to, token, state, deleteSource,
        };
        CliRun.Action(command, async (context, cancellation) =>
        {
            using var user = context.LoadKey();
            var source = await context.HomeserverAsync(from, null, cancellation);
            var target = await context.HomeserverAsync(to, null, cancellation);
            var statePath = context.Parse.GetValue(state)?.FullName ?? Path.GetFullPath($"pubky-migrate-{user.PublicKey.Z32}.json");
            var migration = new Migration(context.ClientOf(source), context.ClientOf(target), context.Pkdns(), statePath)
            {
                SignupToken = context.Parse.GetValue(token),
                DeleteSource = context.Parse.GetValue(deleteSource),
                Progress = Reporter(context),
            };
            var done = await migration.RunAsync(user, cancellation);
            context.Output.Result(
                $"moved {user.PublicKey.Z32} to {target.Key.Z32}: {done.Copied} copied, {done.Unchanged} already there, {done.Deleted} deleted; record switched",
                new { user = user.PublicKey.Z32, target = target.Key.Z32, copied = done.Copied, unchanged = done.Unchanged, deleted = done.Deleted, bytes = done.Bytes, state = statePath });
        });
        return command;
    }

    public static Command Mirror()
    {
        var from = GlobalOptions.Homeserver("--from", required: true);
        var to = GlobalOptions.Homeserver("--to", required: true);
        var cursor = new Option<FileInfo>("--cursor-file") { Description = "Where the mirror saves the last event it applied (default: pubky-mirror-<user>.cursor here)." };
        var token = new Option<string>("--signup-token") { Description = "The second homeserver's signup token, when it requires one." };
        var command = new Command("mirror", "Keep a live copy of the key's account on a second homeserver until stopped (Ctrl+C).")
        {
            GlobalOptions.Key, from, to, cursor, token,
        };
        CliRun.Action(command, async (context, cancellation) =>
        {
            using var user = context.LoadKey();
            var sourceClient = context.ClientOf(await context.HomeserverAsync(from, null, cancellation));
            var targetClient = context.ClientOf(await context.HomeserverAsync(to, null, cancellation));
            var source = await sourceClient.SigninAsync(user, cancellation: cancellation);
            var target = await TargetSession.SignInOrUpAsync(targetClient, user, context.Parse.GetValue(token), cancellation);
            var cursorPath = context.Parse.GetValue(cursor)?.FullName ?? Path.GetFullPath($"pubky-mirror-{user.PublicKey.Z32}.cursor");
            context.Output.Progress($"mirroring {user.PublicKey.Z32} from {sourceClient.Homeserver.Key.Z32} to {targetClient.Homeserver.Key.Z32}; cursor in {cursorPath}");
            try
            {
                await new Mirror(sourceClient, new AccountCopy(source, target, Reporter(context)), cursorPath).RunAsync(cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Ctrl+C: the cursor is saved after every event, so stopping here loses nothing.
            }
        });
        return command;
    }

    private static IProgress<TransferProgress> Reporter(CliContext context) => new InlineReporter(p =>
    {
        if (p.Current is { } path)
        {
            context.Output.Progress($"[{p.Seen}] {path} ({p.Copied} copied, {p.Unchanged} unchanged, {p.Deleted} deleted)");
        }
    });

    private sealed class InlineReporter(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}
