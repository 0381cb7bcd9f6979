using System.Text.Json;
using Pubky.Client.Auth;
using Pubky.Client.Tests.Support;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using PubkyCluster.Tests.Node;
using PubkyCluster.Tests.Processes;

namespace Pubky.Client.Tests.Auth;

/// <summary>The pubkyauth flow between the SDK and the official JS client (@synonymdev/pubky 0.6.0), each in either role.</summary>
[Collection(NodeInteropCollection.Name)]
public sealed class OfficialClientAuthFlowTests(ClientHomeserver homeserver) : IClassFixture<ClientHomeserver>, IDisposable
{
    private const string Caps = "/pub/app.example/:rw,/pub/foo.txt:r";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly string _urlFile = Path.Combine(Path.GetTempPath(), "pubkyauth-" + Guid.NewGuid().ToString("N") + ".url");

    [NodeFact]
    public async Task The_sdk_approves_a_flow_the_official_client_started_and_the_app_gets_the_session()
    {
        using var user = await homeserver.PublishedUserAsync();
        var app = RunScriptAsync("auth-app.mjs", new
        {
            pkarrRelay = homeserver.PkarrRelay.ToString(),
            httpRelay = homeserver.HttpRelayLink.ToString(),
            caps = Caps,
            urlFile = _urlFile,
        });

        var link = await AuthorizationUrlAsync(app);
        await new AuthSigner(homeserver.Http).ApproveAsync(user, link);
        var result = await app;

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(user.PublicKey.Z32, result.GetProperty("z32").GetString());
        Assert.Equal(Caps.Split(','), result.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
    }

    [NodeFact]
    public async Task The_sdk_signs_up_and_approves_a_signup_flow_the_official_client_started()
    {
        using var user = Keypair.Random();
        var app = RunScriptAsync("auth-app.mjs", new
        {
            pkarrRelay = homeserver.PkarrRelay.ToString(),
            httpRelay = homeserver.HttpRelayLink.ToString(),
            caps = Caps,
            urlFile = _urlFile,
            signupHomeserver = homeserver.Homeserver.Key.Z32,
        });

        var link = await AuthorizationUrlAsync(app);
        var request = await new AuthSigner(homeserver.Http, homeserver.Pkdns()).ApproveAsync(user, link);
        var result = await app;

        Assert.Equal(homeserver.Homeserver.Key, request.Signup?.Homeserver);
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(user.PublicKey.Z32, result.GetProperty("z32").GetString());
    }

    [NodeFact]
    public async Task The_official_signer_approves_a_flow_the_sdk_started_and_the_sdk_gets_the_session()
    {
        var flow = AuthFlow.Start(homeserver.Http, homeserver.Pkdns(), CapabilityList.Parse(Caps), homeserver.HttpRelayLink);
        using var bound = new CancellationTokenSource(Bound);

        var approval = flow.AwaitApprovalAsync(bound.Token);
        var signer = await RunScriptAsync("auth-signer.mjs", new
        {
            pkarrRelay = homeserver.PkarrRelay.ToString(),
            homeserver = homeserver.Homeserver.Key.Z32,
            authorizationUrl = flow.AuthorizationUrl,
        });
        Assert.True(signer.GetProperty("ok").GetBoolean(), signer.ToString());
        var session = await approval;

        Assert.Equal(signer.GetProperty("z32").GetString(), session.User.Z32);
        Assert.Equal(CapabilityList.Parse(Caps), session.Info.Capabilities);
    }

    public void Dispose() => File.Delete(_urlFile);

    private static async Task<JsonElement> RunScriptAsync(string script, object request)
    {
        var (exitCode, output, errors) = await BoundedCommand.RunAsync(
            NodeJs.Executable!, [Path.Combine(NodeJs.ScriptsDirectory, script), JsonSerializer.Serialize(request)], Bound,
            workingDirectory: NodeJs.ScriptsDirectory);
        Assert.True(exitCode == 0, errors);
        return JsonDocument.Parse(output).RootElement;
    }

    /// <summary>The link the JS app wrote; bounded polling on the file, failing early if the app already ended.</summary>
    private async Task<string> AuthorizationUrlAsync(Task<JsonElement> app)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!File.Exists(_urlFile))
        {
            if (app.IsCompleted)
            {
                Assert.Fail("The JS app ended without an authorization URL: " + (await app));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), bound.Token);
        }
        return await File.ReadAllTextAsync(_urlFile, bound.Token);
    }
}
