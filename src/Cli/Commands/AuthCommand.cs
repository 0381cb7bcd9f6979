using System.CommandLine;
using Pubky.Cli.Console;
using Pubky.Client.Auth;

namespace Pubky.Cli.Commands;

/// <summary><c>pubky auth approve</c>: the signer's side of a third-party app's <c>pubkyauth://</c> request (spec A10), with the user's key.</summary>
public static class AuthCommand
{
    public static Command Build()
    {
        var auth = new Command("auth", "Answer a third-party app's pubkyauth request.");

        var link = new Argument<string>("pubkyauth-url") { Description = "The app's pubkyauth://signin?… or pubkyauth://signup?… link (quote it: it holds '&')." };
        var approve = new Command("approve", "Grant the link's capabilities (for a signup link, after signing up on its homeserver and publishing the record): sign an AuthToken with the key and send it, encrypted, to the app through the link's relay.")
        {
            link, GlobalOptions.Key,
        };
        CliRun.Action(approve, async (context, cancellation) =>
        {
            using var user = context.LoadKey();
            var request = await new AuthSigner(context.Http, context.Pkdns()).ApproveAsync(user, context.Parse.GetValue(link)!, cancellation);
            context.Output.Result(
                $"approved {request.Capabilities} for {user.PublicKey.Z32} through {request.Relay}",
                new { public_key = user.PublicKey.Z32, capabilities = request.Capabilities.ToString(), relay = request.Relay.ToString() });
        });
        auth.Subcommands.Add(approve);
        return auth;
    }
}
