using System.Security.Cryptography;
using Pubky.Client.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Auth;

public sealed class AuthRequestTests
{
    private static readonly CapabilityList Caps = CapabilityList.Parse("/pub/app.example/:rw,/pub/foo.txt:r");

    [Fact]
    public void A_link_reads_back_as_the_same_capabilities_relay_and_secret()
    {
        var request = new AuthRequest(Caps, new Uri("http://127.0.0.1:15412/link"), RandomNumberGenerator.GetBytes(32));

        var parsed = AuthRequest.Parse(request.ToString());

        Assert.Equal(request.Capabilities, parsed.Capabilities);
        Assert.Equal(request.Relay, parsed.Relay);
        Assert.Equal(request.Secret.ToArray(), parsed.Secret.ToArray());
    }

    [Fact]
    public void A_link_is_written_as_the_reference_sdk_writes_it_with_caps_and_relay_unescaped()
    {
        var secret = Enumerable.Repeat((byte)123, 32).ToArray();

        var link = new AuthRequest(Caps, new Uri("https://httprelay.pubky.app/link/"), secret).ToString();

        Assert.Equal(
            "pubkyauth://signin?caps=/pub/app.example/:rw,/pub/foo.txt:r&relay=https://httprelay.pubky.app/link/&secret="
            + Base64UrlNoPad.Encode(secret), link);
    }

    [Fact]
    public void The_legacy_link_without_an_intent_is_read_as_a_sign_in()
    {
        // The reference's own example (pubky-sdk/src/actors/auth/deep_links/deep_link.rs, test_parse_deep_link_signin_old_format).
        var parsed = AuthRequest.Parse(
            "pubkyauth:///?caps=/pub/pubky.app/:rw&secret=kqnceEMgrNQM_xi06oQXjA3cJHX_RQmw1BY6JE1bse8&relay=https://httprelay.pubky.app/link");

        Assert.Equal(CapabilityList.Parse("/pub/pubky.app/:rw"), parsed.Capabilities);
        Assert.Equal(new Uri("https://httprelay.pubky.app/link"), parsed.Relay);
    }

    [Fact]
    public void The_channel_is_the_relay_without_its_trailing_slash_then_the_blake3_channel_id()
    {
        var secret = RandomNumberGenerator.GetBytes(32);

        var request = new AuthRequest(Caps, new Uri("http://127.0.0.1:15412/link/"), secret);

        Assert.Equal(new Uri("http://127.0.0.1:15412/link/" + HttpRelayChannel.IdFor(secret)), request.ChannelUrl);
    }

    [Fact]
    public void A_signup_link_is_written_as_the_reference_sdk_writes_it_and_reads_back_with_its_homeserver_and_token()
    {
        var secret = Enumerable.Repeat((byte)7, 32).ToArray();
        var homeserver = PublicKey.ParseZ32("5jsjx1o6fzu6aeeo697r3i5rx15zq41kikcye8wtwdqm4nb4tryo");
        var request = new AuthRequest(Caps, new Uri("https://httprelay.pubky.app/link"), secret, new AuthSignup(homeserver, "1234567890"));

        var link = request.ToString();
        var parsed = AuthRequest.Parse(link);

        Assert.Equal(
            "pubkyauth://signup?caps=/pub/app.example/:rw,/pub/foo.txt:r&relay=https://httprelay.pubky.app/link&secret="
            + Base64UrlNoPad.Encode(secret) + "&hs=5jsjx1o6fzu6aeeo697r3i5rx15zq41kikcye8wtwdqm4nb4tryo&st=1234567890", link);
        Assert.Equal(request.Signup, parsed.Signup);
    }

    [Fact]
    public void A_seed_export_link_is_refused_as_neither_sign_in_nor_signup()
    {
        var refusal = Assert.Throws<FormatException>(() => AuthRequest.Parse("pubkyauth://secret_export?secret=kqnceEMgrNQM_xi06oQXjA3cJHX_RQmw1BY6JE1bse8"));

        Assert.Equal("Invalid intent. Expected signin or signup", refusal.Message);
    }

    [Fact]
    public void A_link_without_a_secret_is_refused_naming_the_parameter()
    {
        var refusal = Assert.Throws<FormatException>(() => AuthRequest.Parse("pubkyauth://signin?caps=/pub/app/:rw&relay=https://httprelay.pubky.app/link"));

        Assert.Equal("Missing query parameter secret", refusal.Message);
    }
}
