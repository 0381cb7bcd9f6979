using System.CommandLine;
using Pubky.Cli.Console;
using Pubky.Client.Keys;
using Pubky.Protocol.Keys;

namespace Pubky.Cli.Commands;

/// <summary><c>pubky keys new|show</c>: a new key in a recovery file, or the public key of one. The secret is never printed.</summary>
public static class KeysCommand
{
    public static Command Build()
    {
        var keys = new Command("keys", "Create a key or show the public key of a recovery file.");

        var output = new Option<FileInfo>("--out") { Description = "Where to write the new recovery file (it must not exist).", Required = true };
        var create = new Command("new", $"Create a random key in a recovery file encrypted with {GlobalOptions.PassphraseVariable}.") { output };
        CliRun.Action(create, (context, _) =>
        {
            var file = context.Parse.GetValue(output)!;
            if (file.Exists)
            {
                throw new CliInputException($"{file.FullName} exists; a key file is never overwritten.");
            }
            using var keypair = Keypair.Random();
            using (var stream = new FileStream(file.FullName, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(RecoveryFile.Create(keypair, Environment.GetEnvironmentVariable(GlobalOptions.PassphraseVariable) ?? ""));
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            context.Output.Result(keypair.PublicKey.Z32, new { public_key = keypair.PublicKey.Z32, file = file.FullName });
            return Task.CompletedTask;
        });

        var show = new Command("show", "Print the public key of a recovery file.") { GlobalOptions.Key };
        CliRun.Action(show, (context, _) =>
        {
            using var keypair = context.LoadKey();
            context.Output.Result(keypair.PublicKey.Z32, new { public_key = keypair.PublicKey.Z32 });
            return Task.CompletedTask;
        });

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(show);
        return keys;
    }
}
