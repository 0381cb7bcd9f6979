using System.CommandLine;
using Pubky.Cli.Console;
using Pubky.Client.Admin;
using Pubky.Protocol.Keys;

namespace Pubky.Cli.Commands;

/// <summary><c>pubky admin token|disable|enable|usage</c>: an operator's tasks on a homeserver's admin listener; the password comes from the environment.</summary>
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
