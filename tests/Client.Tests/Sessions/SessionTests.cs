using System.Net;
using Pubky.Client.Errors;
using Pubky.Client.Tests.Support;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Sessions;

public sealed class SessionTests(ClientHomeserver homeserver) : IClassFixture<ClientHomeserver>
{
    [Fact]
    public async Task Signup_returns_a_root_session_for_the_key()
    {
        using var keypair = Keypair.Random();

        var session = await homeserver.NewClient().SignupAsync(keypair);

        Assert.Equal(keypair.PublicKey, session.User);
        Assert.Equal(keypair.PublicKey, session.Info.PublicKey);
        Assert.True(session.Info.Capabilities.IsRoot);
    }

    [Fact]
    public async Task A_second_signup_of_the_same_key_is_a_409_with_the_server_text()
    {
        using var keypair = Keypair.Random();
        var client = homeserver.NewClient();
        await client.SignupAsync(keypair);

        var refusal = await Assert.ThrowsAsync<PubkyRequestException>(() => client.SignupAsync(keypair));

        Assert.Equal(HttpStatusCode.Conflict, refusal.Status);
        Assert.Equal("User already exists", refusal.ServerMessage);
    }

    [Fact]
    public async Task Signin_of_a_key_without_an_account_is_a_404()
    {
        using var keypair = Keypair.Random();

        var refusal = await Assert.ThrowsAsync<PubkyRequestException>(() => homeserver.NewClient().SigninAsync(keypair));

        Assert.Equal(HttpStatusCode.NotFound, refusal.Status);
    }

    [Fact]
    public async Task Signin_with_scoped_capabilities_gets_a_session_that_may_write_only_there()
    {
        using var keypair = Keypair.Random();
        var client = homeserver.NewClient();
        await client.SignupAsync(keypair);

        var scoped = await client.SigninAsync(keypair, CapabilityList.Parse("/pub/app/:rw"));
        await scoped.Storage.PutTextAsync("/pub/app/note.txt", "in scope");
        var refusal = await Assert.ThrowsAsync<PubkyRequestException>(() => scoped.Storage.PutTextAsync("/pub/other.txt", "out of scope"));

        Assert.Equal(HttpStatusCode.Forbidden, refusal.Status);
        Assert.False(scoped.Info.Capabilities.IsRoot);
    }

    [Fact]
    public async Task An_exported_secret_restores_a_session_that_can_write()
    {
        using var keypair = Keypair.Random();
        var client = homeserver.NewClient();
        var session = await client.SignupAsync(keypair);

        var restored = await homeserver.NewClient().RestoreAsync(session.ExportSecret());
        await restored.Storage.PutTextAsync("/pub/restored.txt", "hello");

        Assert.Equal(keypair.PublicKey, restored.User);
        Assert.Equal("hello", await client.Public.GetTextAsync(keypair.PublicKey, "/pub/restored.txt"));
    }

    [Fact]
    public async Task A_signed_out_session_neither_revalidates_nor_restores()
    {
        using var keypair = Keypair.Random();
        var client = homeserver.NewClient();
        var session = await client.SignupAsync(keypair);

        await session.SignoutAsync();
        await session.SignoutAsync();

        Assert.Null(await session.RevalidateAsync());
        var refusal = await Assert.ThrowsAsync<PubkyRequestException>(() => client.RestoreAsync(session.ExportSecret()));
        Assert.Equal(HttpStatusCode.NotFound, refusal.Status);
    }

    [Theory]
    [InlineData("no colon", "invalid secret: expected `<pubkey>:<cookie>`")]
    [InlineData("notakey:ABCDEFGHJKMNPQRSTVWXYZ0123", "invalid public key")]
    public async Task A_malformed_export_is_refused_before_any_request(string exported, string message)
    {
        var refusal = await Assert.ThrowsAsync<FormatException>(() => homeserver.NewClient().RestoreAsync(exported));

        Assert.Equal(message, refusal.Message);
    }
}
