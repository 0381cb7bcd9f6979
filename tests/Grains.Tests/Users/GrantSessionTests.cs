using Pubky.Protocol.Auth.Grants;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;
using PubkyCluster.Grains.Users;
using PubkyCluster.Grains.Users.Grants;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>The user grain's side of grant-based auth: nonce replay, one bearer per grant, revocation, root-only listing.</summary>
public sealed class GrantSessionTests : IAsyncLifetime
{
    private UserGrainCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await UserGrainCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private long Now => _cluster.Clock.GetUtcNow().ToUnixTimeSeconds();

    private GrantExchange Exchange(string capabilities = "/pub/app/:rw", string? grantId = null)
    {
        using var client = Keypair.Random();
        return new GrantExchange(grantId ?? GrantIds.NewId(), "app.example", capabilities, client.PublicKey.Z32, Now, Now + 86_400, GrantIds.NewId());
    }

    private static GrantExchange Again(GrantExchange exchange) => exchange with { PopNonce = GrantIds.NewId() };

    private static string Hash(GrantSessionMint mint) => SessionSecret.Hash(mint.Bearer!);

    [Fact]
    public async Task An_exchange_mints_a_43_character_bearer_whose_session_shows_the_grant()
    {
        var (user, _) = await _cluster.SignUpAsync();
        var exchange = Exchange();

        var mint = await user.ExchangeGrant(exchange);

        Assert.Equal(Refusal.None, mint.Refusal);
        Assert.True(BearerToken.LooksValid(mint.Bearer));
        var session = await user.GetGrantSession(Hash(mint));
        Assert.Equal(new GrantSessionView(exchange.GrantId, "app.example", "/pub/app/:rw", Now + 3600, exchange.ExpiresAt, Now), session);
    }

    [Fact]
    public async Task A_bearer_writes_inside_its_grants_capabilities_and_nowhere_else()
    {
        var (user, _) = await _cluster.SignUpAsync();
        var hash = Hash(await user.ExchangeGrant(Exchange()));

        Assert.Equal(Refusal.None, (await user.AuthorizeWrite(new WriteRequest(hash, "/pub/app/a.txt", 1))).Refusal);
        Assert.Equal(Refusal.NoWriteAccess, (await user.AuthorizeWrite(new WriteRequest(hash, "/pub/other/a.txt", 1))).Refusal);
    }

    [Fact]
    public async Task Exchanging_a_grant_again_replaces_its_bearer()
    {
        var (user, _) = await _cluster.SignUpAsync();
        var exchange = Exchange();
        var first = await user.ExchangeGrant(exchange);

        var second = await user.ExchangeGrant(Again(exchange));

        Assert.Null(await user.GetGrantSession(Hash(first)));
        Assert.Equal(exchange.GrantId, (await user.GetGrantSession(Hash(second)))?.GrantId);
        Assert.Equal(Refusal.SessionNotFound, (await user.AuthorizeWrite(new WriteRequest(Hash(first), "/pub/app/a.txt", 1))).Refusal);
    }

    [Fact]
    public async Task A_pop_nonce_is_accepted_once_within_360_seconds_and_forgotten_after()
    {
        var (user, _) = await _cluster.SignUpAsync();
        var exchange = Exchange();
        await user.ExchangeGrant(exchange);

        var replay = await user.ExchangeGrant(exchange);
        _cluster.Clock.Advance(TimeSpan.FromSeconds(361));
        var later = await user.ExchangeGrant(exchange);

        Assert.Equal(Refusal.PopNonceAlreadyUsed, replay.Refusal);
        Assert.Equal(Refusal.None, later.Refusal);
    }

    [Fact]
    public async Task A_bearer_expires_after_3600_seconds()
    {
        var (user, _) = await _cluster.SignUpAsync();
        var hash = Hash(await user.ExchangeGrant(Exchange()));

        _cluster.Clock.Advance(TimeSpan.FromSeconds(3599));
        var before = await user.GetGrantSession(hash);
        _cluster.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.NotNull(before);
        Assert.Null(await user.GetGrantSession(hash));
    }

    [Fact]
    public async Task A_revoked_grant_loses_its_bearer_and_cannot_be_exchanged_again()
    {
        var (user, _) = await _cluster.SignUpAsync();
        var exchange = Exchange();
        var hash = Hash(await user.ExchangeGrant(exchange));

        await user.RevokeGrantOfBearer(hash);
        await user.RevokeGrantOfBearer(hash);

        Assert.Null(await user.GetGrantSession(hash));
        Assert.Equal(Refusal.GrantRevoked, (await user.ExchangeGrant(Again(exchange))).Refusal);
    }

    [Fact]
    public async Task An_exchange_for_a_user_that_does_not_exist_is_refused()
    {
        using var key = Keypair.Random();
        var user = _cluster.Grains.GetGrain<IUserGrain>(key.PublicKey.Z32);

        Assert.Equal(Refusal.UserNotFound, (await user.ExchangeGrant(Exchange())).Refusal);
    }

    [Fact]
    public async Task Only_a_root_session_lists_and_revokes_grants()
    {
        var (user, cookie) = await _cluster.SignUpAsync();
        var scoped = Exchange();
        var scopedHash = Hash(await user.ExchangeGrant(scoped));
        var root = Exchange("/:rw");
        var rootHash = Hash(await user.ExchangeGrant(root));

        Assert.Equal(Refusal.RootCapabilityRequired, (await user.ListGrants(scopedHash)).Refusal);
        Assert.Equal(Refusal.RootCapabilityRequired, await user.RevokeGrant(scopedHash, scoped.GrantId));
        Assert.Equal(Refusal.SessionNotFound, (await user.ListGrants(null)).Refusal);
        Assert.Equal(2, (await user.ListGrants(cookie)).Grants.Count);
        Assert.Equal(Refusal.GrantNotFound, await user.RevokeGrant(rootHash, GrantIds.NewId()));
        Assert.Equal(Refusal.None, await user.RevokeGrant(rootHash, scoped.GrantId));
        Assert.Equal([root.GrantId], (await user.ListGrants(rootHash)).Grants.Select(g => g.GrantId));
        Assert.Null(await user.GetGrantSession(scopedHash));
    }

    [Fact]
    public async Task A_signup_grant_creates_the_user_once()
    {
        using var key = Keypair.Random();
        var user = _cluster.Grains.GetGrain<IUserGrain>(key.PublicKey.Z32);

        var first = await user.SignUpWithGrant(Exchange("/:rw"), signupToken: null);
        var second = await user.SignUpWithGrant(Exchange("/:rw"), signupToken: null);

        Assert.Equal(Refusal.None, first);
        Assert.True(await user.Exists());
        Assert.Equal(Refusal.UserAlreadyExists, second);
    }
}
