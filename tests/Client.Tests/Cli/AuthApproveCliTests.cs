using Pubky.Client.Auth;
using Pubky.Client.Keys;
using Pubky.Client.Tests.Support;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Cli;

/// <summary><c>pubky auth approve</c> run as a process, answering a flow the SDK started against the in-process homeserver.</summary>
public sealed class AuthApproveCliTests(ClientHomeserver homeserver) : IClassFixture<ClientHomeserver>, IDisposable
{
    private static readonly CapabilityList Caps = CapabilityList.Parse("/pub/app.example/:rw");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pubky-cli-auth-");

    private string KeyFile => Path.Combine(_work.FullName, "user.key");

    private async Task<Keypair> UserWithKeyFileAsync()
    {
        var user = await homeserver.PublishedUserAsync();
        await File.WriteAllBytesAsync(KeyFile, RecoveryFile.Create(user, ""));
        return user;
    }

    [Fact]
    public async Task Auth_approve_answers_the_apps_request_and_the_app_gets_a_session_of_the_key()
    {
        using var user = await UserWithKeyFileAsync();
        var flow = AuthFlow.Start(homeserver.Http, homeserver.Pkdns(), Caps, homeserver.HttpRelayLink);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var approval = flow.AwaitApprovalAsync(bound.Token);
        var approved = await PubkyCli.RunAsync(["auth", "approve", flow.AuthorizationUrl, "--key", KeyFile]);
        var session = await approval;

        Assert.True(approved.ExitCode == 0, approved.Errors);
        Assert.Equal(user.PublicKey, session.User);
        Assert.Equal(Caps, session.Info.Capabilities);
    }

    [Fact]
    public async Task Auth_approve_of_a_link_without_a_secret_exits_2_naming_the_parameter()
    {
        using var user = await UserWithKeyFileAsync();

        var refused = await PubkyCli.RunAsync(["auth", "approve", "pubkyauth://signin?caps=/pub/app/:rw&relay=http://127.0.0.1:1/link", "--key", KeyFile]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Missing query parameter secret", refused.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Delete(recursive: true);
}
