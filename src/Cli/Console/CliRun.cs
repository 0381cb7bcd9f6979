using System.CommandLine;
using Pubky.Client.Auth;
using Pubky.Client.Errors;
using Pubky.Client.Keys;
using Pubky.Client.Pkdns;
using Pubky.Client.Transfer;

namespace Pubky.Cli.Console;

/// <summary>Runs a command's action and turns what it throws into one error line and an <see cref="ExitCodes"/> status.</summary>
public static class CliRun
{
    public static void Action(Command command, Func<CliContext, CancellationToken, Task> action) =>
        command.SetAction((parse, cancellation) => RunAsync(parse, cancellation, action));

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellation, Func<CliContext, CancellationToken, Task> action)
    {
        using var context = new CliContext(parse);
        try
        {
            await action(context, cancellation);
            return ExitCodes.Ok;
        }
        catch (PubkyRequestException e)
        {
            context.Output.Error($"{(int)e.Status} {e.ServerMessage} ({e.Method} {e.Path})", (int)e.Status);
            return ExitCodes.Refused;
        }
        catch (Exception e) when (e is CliInputException or RecoveryFileException or FormatException or ArgumentException or IOException and not HttpIOException)
        {
            context.Output.Error(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is HttpRequestException or CliUnreachableException or PkdnsPublishException or AuthFlowException or HttpIOException)
        {
            context.Output.Error(e.Message);
            return ExitCodes.Unreachable;
        }
        catch (TransferVerificationException e)
        {
            context.Output.Error(e.Message);
            return ExitCodes.VerificationFailed;
        }
    }
}
