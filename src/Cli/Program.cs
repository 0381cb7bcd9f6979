using System.CommandLine;
using Pubky.Cli.Commands;
using Pubky.Cli.Console;

// pubky: the command-line tool over the .NET SDK (README, "The pubky command"); exit statuses in Console/ExitCodes.cs.
var root = new RootCommand("pubky: keys, accounts, files and events on Pubky homeservers; approving an app's sign-in; moving and mirroring an account; admin tasks.")
{
    GlobalOptions.Json,
    GlobalOptions.Relays,
};
root.Subcommands.Add(KeysCommand.Build());
root.Subcommands.Add(AccountCommands.Signup());
root.Subcommands.Add(AccountCommands.Signin());
root.Subcommands.Add(StorageCommands.Put());
root.Subcommands.Add(StorageCommands.Get());
root.Subcommands.Add(StorageCommands.List());
root.Subcommands.Add(StorageCommands.Remove());
root.Subcommands.Add(EventsCommand.Build());
root.Subcommands.Add(MoveCommands.Migrate());
root.Subcommands.Add(MoveCommands.Mirror());
root.Subcommands.Add(AuthCommand.Build());
root.Subcommands.Add(AdminCommands.Build());
return await root.Parse(args).InvokeAsync();
