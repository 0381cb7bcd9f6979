using System.CommandLine;
using Pubky.Cli.Console;
using Pubky.Client.Events;
using Pubky.Protocol.Keys;

namespace Pubky.Cli.Commands;

/// <summary><c>pubky events tail</c>: a user's events from their homeserver's <c>/events-stream</c>, history then (with --live) new ones.</summary>
public static class EventsCommand
{
    public static Command Build()
    {
        var user = new Option<string>("--user") { Description = "Whose events (z32); default: the --key's user, whose private events are included." };
        var cursor = new Option<long?>("--cursor") { Description = "Start after this event id." };
        var live = new Option<bool>("--live") { Description = "Keep the stream open and print new events as they happen." };
        var limit = new Option<int?>("--limit") { Description = "Stop after this many events." };
        var homeserver = GlobalOptions.Homeserver();
        var tail = new Command("tail", "Print a user's events.") { user, cursor, live, limit, GlobalOptions.OptionalKey, homeserver };
        CliRun.Action(tail, async (context, cancellation) =>
        {
            using var key = context.KeyFile() is null ? null : context.LoadKey();
            var whose = context.Parse.GetValue(user) is { } z32
                ? PublicKey.TryParseZ32(z32, out var parsed) ? parsed : throw new CliInputException($"--user '{z32}' is not a z32 public key.")
                : key?.PublicKey ?? throw new CliInputException("Give --user or --key.");
            var client = context.ClientOf(await context.HomeserverAsync(homeserver, whose, cancellation));
            var session = key is not null && key.PublicKey == whose ? await client.SigninAsync(key, cancellation: cancellation) : null;
            var query = EventStreamQuery.For(whose, context.Parse.GetValue(cursor), context.Parse.GetValue(live), session is null ? null : EventStreamQuery.PublicAndPrivate)
                with { Limit = context.Parse.GetValue(limit) };
            await foreach (var e in client.StreamEventsAsync(query, session, cancellation))
            {
                var kind = e.Kind == EventKind.Put ? "PUT" : "DEL";
                context.Output.Result($"{e.Cursor} {kind} {e.Url}", new { cursor = e.Cursor, kind, url = e.Url.ToString(), content_hash = e.ContentHash });
            }
        });
        var events = new Command("events", "A user's event stream.");
        events.Subcommands.Add(tail);
        return events;
    }
}
