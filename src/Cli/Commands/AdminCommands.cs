using System.CommandLine;
using Pubky.Cli.Console;
using Pubky.Client.Admin;
using Pubky.Protocol.Keys;

namespace Pubky.Cli.Commands;

/// <summary><c>pubky admin token|departed|disable|enable|reclaim|usage</c>: an operator's tasks on a homeserver's admin listener; the password comes from the environment.</summary>
public static class AdminCommands
{
    private static readonly Option<string> AdminUrl = new("--admin") { Description = "The admin listener's URL, such as http://127.0.0.1:6288.", Required = true, Recursive = true };

    public static Command Build()
    {
        var admin = new Command("admin", $"Operator tasks (the admin password is read from {GlobalOptions.AdminPasswordVariable}).") { AdminUrl };

        var token = new Command("token", "Create a signup token.");
        Act(token, async (client, context, cancellation) =>
        {
            var created = await client.GenerateSignupTokenAsync(cancellation);
            context.Output.Result(created, new { token = created });
        });

        admin.Subcommands.Add(token);

        var limit = new Option<int?>("--limit") { Description = "At most this many users." };
        var cursor = new Option<string>("--cursor") { Description = "Continue after this user (the previous page's next_cursor)." };
        var departed = new Command("departed", "List users whose PKARR record points at another homeserver, with the space they take here.") { limit, cursor };
        Act(departed, async (client, context, cancellation) =>
        {
            var page = await client.ListDepartedAsync(context.Parse.GetValue(limit), context.Parse.GetValue(cursor), cancellation);
            if (context.Output.IsJson)
            {
                context.Output.Result("", page);
                return;
            }
            foreach (var user in page.Items)
            {
                context.Output.Line($"{user.User} -> {user.Homeserver}: {user.Files:N0} files, {user.UsedBytes:N0} bytes (since {user.FirstSeen})");
            }
            if (page.NextCursor is { } next)
            {
                context.Output.Progress($"more: --cursor {next}");
            }
        });
        admin.Subcommands.Add(departed);
        admin.Subcommands.Add(UserCommand("disable", "Disable a user: reads go on, writes are refused.", async (client, user, context, cancellation) =>
        {
            await client.DisableUserAsync(user, cancellation);
            context.Output.Result($"disabled {user.Z32}", new { user = user.Z32, disabled = true });
        }));
        admin.Subcommands.Add(UserCommand("enable", "Enable a disabled user.", async (client, user, context, cancellation) =>
        {
            await client.EnableUserAsync(user, cancellation);
            context.Output.Result($"enabled {user.Z32}", new { user = user.Z32, disabled = false });
        }));
        admin.Subcommands.Add(UserCommand("reclaim", "Delete every file of a user (the account stays; disable it first).", async (client, user, context, cancellation) =>
        {
            var deleted = await client.DeleteUserFilesAsync(user, cancellation);
            context.Output.Result($"deleted {deleted:N0} files of {user.Z32}", new { user = user.Z32, deleted_files = deleted });
        }));
        admin.Subcommands.Add(UserCommand("usage", "Show a user's storage use.", async (client, user, context, cancellation) =>
        {
            var usage = await client.GetUsageAsync(user, cancellation);
            context.Output.Result(
                $"{user.Z32}: {usage.Files:N0} files, {usage.UsedBytes:N0} bytes, last write {usage.LastWrite?.ToString("u") ?? "never"}",
                new { user = user.Z32, used_bytes = usage.UsedBytes, files = usage.Files, last_write = usage.LastWrite });
        }));
        return admin;
    }

    private static Command UserCommand(string name, string description, Func<AdminClient, PublicKey, CliContext, CancellationToken, Task> action)
    {
        var user = new Argument<string>("user") { Description = "The user's z32 public key." };
        var command = new Command(name, description) { user };
        Act(command, (client, context, cancellation) =>
        {
            var z32 = context.Parse.GetValue(user)!;
            return PublicKey.TryParseZ32(z32, out var key)
                ? action(client, key, context, cancellation)
                : throw new CliInputException($"'{z32}' is not a z32 public key.");
        });
        return command;
    }

    private static void Act(Command command, Func<AdminClient, CliContext, CancellationToken, Task> action) =>
        CliRun.Action(command, (context, cancellation) =>
        {
            var password = Environment.GetEnvironmentVariable(GlobalOptions.AdminPasswordVariable)
                ?? throw new CliInputException($"Set {GlobalOptions.AdminPasswordVariable} to the admin password.");
            var url = context.Parse.GetValue(AdminUrl)!;
            return Uri.TryCreate(url, UriKind.Absolute, out var admin)
                ? action(new AdminClient(context.Http, admin, password), context, cancellation)
                : throw new CliInputException($"--admin '{url}' is not a URL.");
        });
}
