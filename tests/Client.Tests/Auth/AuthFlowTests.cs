using Pubky.Client.Auth;
using Pubky.Client.Crypto;
using Pubky.Client.Tests.Support;
using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;

namespace Pubky.Client.Tests.Auth;

/// <summary>The pubkyauth flow with the SDK on both sides, through the test homeserver's own http relay and pkarr relay.</summary>
public sealed class AuthFlowTests(ClientHomeserver homeserver) : IClassFixture<ClientHomeserver>
{
    private static readonly CapabilityList Caps = CapabilityList.Parse("/pub/app.example/:rw,/pub/foo.txt:r");

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_approval_gives_a_session_of_the_signer_with_exactly_the_requested_capabilities()
    {
        using var user = await homeserver.PublishedUserAsync();
        var flow = AuthFlow.Start(homeserver.Http, homeserver.Pkdns(), Caps, homeserver.HttpRelayLink);
        using var bound = new CancellationTokenSource(Bound);

        var approval = flow.AwaitApprovalAsync(bound.Token);
        await new AuthSigner(homeserver.Http).ApproveAsync(user, flow.AuthorizationUrl, bound.Token);
        var session = await approval;

        Assert.Equal(user.PublicKey, session.User);
        Assert.Equal(Caps, session.Info.Capabilities);
    }

    [Fact]
    public async Task A_signup_approval_creates_the_account_publishes_its_record_and_gives_the_app_a_session()
    {
        using var user = Keypair.Random();
        var signup = new AuthSignup(homeserver.Homeserver.Key);
        var flow = AuthFlow.Start(homeserver.Http, homeserver.Pkdns(), Caps, homeserver.HttpRelayLink, signup);
        using var bound = new CancellationTokenSource(Bound);

        var approval = flow.AwaitApprovalAsync(bound.Token);
        await new AuthSigner(homeserver.Http, homeserver.Pkdns()).ApproveAsync(user, flow.AuthorizationUrl, bound.Token);
        var session = await approval;

        Assert.Equal(user.PublicKey, session.User);
        Assert.Equal(Caps, session.Info.Capabilities);
        Assert.Equal(homeserver.Homeserver.Key, (await homeserver.Pkdns().ResolveHomeserverAsync(user.PublicKey, bound.Token))?.Key);
    }

    [Fact]
    public async Task An_answer_encrypted_with_another_secret_is_refused_as_undecryptable()
    {
        using var user = Keypair.Random();
        var flow = AuthFlow.Start(homeserver.Http, homeserver.Pkdns(), Caps, homeserver.HttpRelayLink);
        using var bound = new CancellationTokenSource(Bound);
        var token = AuthToken.Sign(user, Caps, UnixMicros.Now(TimeProvider.System));
        var wrongBox = SecretBox.Encrypt(token.Encoded, new byte[SecretBox.KeyLength]);

        var awaiting = flow.AwaitTokenAsync(bound.Token);
        using var posted = await homeserver.Http.PostAsync(flow.Request.ChannelUrl, new ByteArrayContent(wrongBox), bound.Token);
        var refusal = await Assert.ThrowsAsync<AuthFlowException>(() => awaiting);

        Assert.StartsWith("The relay's message does not decrypt with this flow's secret", refusal.Message);
    }

    [Fact]
    public async Task A_relay_408_keeps_the_app_waiting_until_the_signer_answers()
    {
        using var user = await homeserver.PublishedUserAsync();
        using var probe = new RelayProbe(timeOutFirstGets: 2);
        using var appHttp = new HttpClient(probe);
        var flow = AuthFlow.Start(appHttp, homeserver.Pkdns(), Caps, homeserver.HttpRelayLink);
        using var bound = new CancellationTokenSource(Bound);

        var approval = flow.AwaitApprovalAsync(bound.Token);
        await new AuthSigner(homeserver.Http).ApproveAsync(user, flow.AuthorizationUrl, bound.Token);
        var session = await approval;

        Assert.Equal(2, probe.TimedOutGets);
        Assert.Equal(user.PublicKey, session.User);
    }

    [Fact]
    public async Task Cancelling_ends_the_wait_for_an_approval()
    {
        using var probe = new RelayProbe();
        using var appHttp = new HttpClient(probe);
        var flow = AuthFlow.Start(appHttp, homeserver.Pkdns(), Caps, homeserver.HttpRelayLink);
        using var cancel = new CancellationTokenSource(Bound);

        var approval = flow.AwaitApprovalAsync(cancel.Token);
        await probe.FirstGetSent.Task.WaitAsync(Bound);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => approval);
    }
}
