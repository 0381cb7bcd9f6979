using System.CommandLine;
using Pubky.Cli.Console;

namespace Pubky.Cli.Commands;

/// <summary><c>pubky signup</c> and <c>pubky signin</c>: an account on a homeserver, and the record that says where it is.</summary>
public static class AccountCommands
{
    public static Command Signup()
    {
        var homeserver = GlobalOptions.Homeserver(required: true);
        var token = new Option<string>("--signup-token") { Description = "The signup token, when the homeserver requires one." };
        var noPublish = new Option<bool>("--no-publish") { Description = "Do not point the user's PKARR record at this homeserver." };
        var command = new Command("signup", "Create the key's account on a homeserver and point the user's PKARR record at it.")
        {
            GlobalOptions.Key, homeserver, token, noPublish,
        };
        CliRun.Action(command, async (context, cancellation) =>
        {
            using var user = context.LoadKey();
            var target = await context.HomeserverAsync(homeserver, null, cancellation);
            var session = await context.ClientOf(target).SignupAsync(user, context.Parse.GetValue(token), cancellation: cancellation);
            var published = !context.Parse.GetValue(noPublish);
            if (published)
            {
                await context.Pkdns().PublishHomeserverAsync(user, target.Key, cancellation);
            }
            context.Output.Result(
                $"signed up {session.User.Z32} on {target.Key.Z32}{(published ? "; record published" : "")}",
                new { public_key = session.User.Z32, homeserver = target.Key.Z32, capabilities = session.Info.Capabilities.ToString(), published });
        });
        return command;
    }

    public static Command Signin()
    {
        var homeserver = GlobalOptions.Homeserver();
        var command = new Command("signin", "Sign in on the user's homeserver (from --homeserver or their PKARR record) and show the session.")
        {
            GlobalOptions.Key, homeserver,
        };
        CliRun.Action(command, async (context, cancellation) =>
        {
            using var user = context.LoadKey();
            var session = await context.SigninAsync(user, homeserver, cancellation);
            context.Output.Result(
                $"signed in {session.User.Z32} with capabilities {session.Info.Capabilities}",
                new { public_key = session.User.Z32, capabilities = session.Info.Capabilities.ToString() });
        });
        return command;
    }
}
