using System.CommandLine;
using Pubky.Client;
using Pubky.Client.Http;
using Pubky.Client.Keys;
using Pubky.Client.Pkdns;
using Pubky.Client.Sessions;
using Pubky.Pkarr.Relay;
using Pubky.Protocol.Keys;

namespace Pubky.Cli.Console;

/// <summary>What a command's action works with: its output, one HTTP client, PKARR through the relays given, and the user's key.</summary>
public sealed class CliContext(ParseResult parse) : IDisposable
{
    private static readonly IReadOnlyList<Uri> PubkyRelays = [new("https://pkarr.pubky.app"), new("https://pkarr.pubky.org")];

    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public CliOutput Output { get; } = new(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(GlobalOptions.Json));

    public ParseResult Parse => parse;

    public PkdnsClient Pkdns() => new(new PkarrRelayClient(Http, Relays()));

    public PubkyClient ClientOf(Homeserver homeserver) => new(Http, homeserver);

    /// <summary>The homeserver named by <paramref name="option"/>, or else the one <paramref name="user"/>'s record points at.</summary>
    public async Task<Homeserver> HomeserverAsync(Option<string> option, PublicKey? user, CancellationToken cancellation) =>
        parse.GetValue(option) is { Length: > 0 } spec
            ? await HomeserverSpec.ResolveAsync(spec, Pkdns(), cancellation)
            : user is not null
                ? await HomeserverSpec.OfUserAsync(user, Pkdns(), cancellation)
                : throw new CliInputException($"Give {option.Name}.");

    /// <summary>The user's key from the recovery file given with --key.</summary>
    public Keypair LoadKey()
    {
        var file = KeyFile() ?? throw new CliInputException("Give --key.");
        if (!file.Exists)
        {
            throw new CliInputException($"No key file at {file.FullName}.");
        }
        try
        {
            return RecoveryFile.Decrypt(File.ReadAllBytes(file.FullName), Environment.GetEnvironmentVariable(GlobalOptions.PassphraseVariable) ?? "");
        }
        catch (RecoveryFileException e)
        {
            throw new CliInputException($"{file.FullName}: {e.Message}");
        }
    }

    /// <summary>The --key file given, required or optional.</summary>
    public FileInfo? KeyFile() => parse.GetValue(GlobalOptions.Key) ?? parse.GetValue(GlobalOptions.OptionalKey);

    /// <summary>Signs the key's user in on their homeserver (from --homeserver or their record).</summary>
    public async Task<PubkySession> SigninAsync(Keypair user, Option<string> homeserver, CancellationToken cancellation) =>
        await ClientOf(await HomeserverAsync(homeserver, user.PublicKey, cancellation)).SigninAsync(user, cancellation: cancellation);

    private IReadOnlyList<Uri> Relays()
    {
        var given = parse.GetValue(GlobalOptions.Relays) ?? [];
        return given.Length == 0 ? PubkyRelays : [.. given.Select(r => Uri.TryCreate(r, UriKind.Absolute, out var url) ? url : throw new CliInputException($"--relay '{r}' is not a URL."))];
    }

    public void Dispose() => Http.Dispose();
}
