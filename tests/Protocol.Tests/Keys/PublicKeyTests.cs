using Pubky.Protocol.Keys;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Keys;

public class PublicKeyTests
{
    private const string Key = Vectors.PkarrZ32;

    [Fact]
    public void Zero_secret_gives_the_testnet_homeserver_key()
    {
        using var keypair = Keypair.FromSecret(Vectors.ZeroSecret);
        Assert.Equal(Vectors.ZeroSecretZ32, keypair.PublicKey.Z32);
        Assert.Equal(Vectors.ZeroSecretHex, Convert.ToHexStringLower(keypair.PublicKey.Bytes));
    }

    [Fact]
    public void Strict_parsing_accepts_the_bare_key() =>
        Assert.Equal(Vectors.PkarrBytes, PublicKey.ParseZ32(Key).Bytes.ToArray());

    [Theory]
    [InlineData("pk:" + Key)]
    [InlineData("pubky" + Key)]
    [InlineData(Key + ".")]
    [InlineData("_pubky." + Key)]
    [InlineData(" " + Key)]
    [InlineData("yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5n")]
    [InlineData("yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5noo")]
    public void Strict_parsing_rejects_every_other_form(string text) =>
        Assert.False(PublicKey.TryParseZ32(text, out _));

    [Theory]
    [InlineData(Key)]
    [InlineData("pk:" + Key)]
    [InlineData("http://" + Key)]
    [InlineData("https://" + Key)]
    [InlineData("https://" + Key + "/foo/bar")]
    [InlineData("https://" + Key + "///foo/bar")]
    [InlineData("https://" + Key + "?foo=bar")]
    [InlineData("https://" + Key + "#foo")]
    [InlineData("https://foo." + Key + ".")]
    [InlineData("https://foo." + Key + ".#hash")]
    [InlineData("https://foo@bar." + Key + ".?q=v")]
    [InlineData("https://foo@bar." + Key + ".:8888?q=v")]
    [InlineData("https://foo.bar." + Key + "#foo")]
    [InlineData("https://o4dksfbqk85ogzdb5osziw6befigbuxmuxkuxq8434q89uj56uyy." + Key)]
    [InlineData("_pubky." + Key)]
    [InlineData(Key + ".")]
    public void Lenient_parsing_finds_the_key_in_every_reference_form(string text)
    {
        Assert.True(PublicKey.TryParseLenient(text, out var key));
        Assert.Equal(Key, key.Z32);
    }

    [Theory]
    [InlineData(Key + ":6287")] // the scheme step splits at the first ':' and eats the key
    [InlineData("_pubky." + Key + ":443")]
    [InlineData("pubky" + Key)] // the display form is never a key on the wire
    [InlineData("localhost:6286")]
    [InlineData("localhost")]
    [InlineData("")]
    [InlineData(null)]
    public void Lenient_parsing_refuses_what_the_reference_refuses(string? text) =>
        Assert.False(PublicKey.TryParseLenient(text, out _));

    [Fact]
    public void The_display_form_is_recognised()
    {
        Assert.True(PublicKey.IsDisplayForm("pubky" + Key));
        Assert.False(PublicKey.IsDisplayForm(Key));
        Assert.False(PublicKey.IsDisplayForm("pubky" + Key[..51] + "0"));
    }

    [Fact]
    public void The_sdk_parser_accepts_the_display_form_and_the_bare_key()
    {
        Assert.True(PublicKey.TryParseZ32OrDisplay("pubky" + Key, out var fromDisplay));
        Assert.True(PublicKey.TryParseZ32OrDisplay(Key, out var fromBare));
        Assert.Equal(fromBare, fromDisplay);
        Assert.Equal("pubky" + Key, fromBare.Display);
        Assert.Equal("pk:" + Key, fromBare.Uri);
    }

    [Fact]
    public void Uppercase_keys_parse_to_the_canonical_lowercase_form() =>
        Assert.Equal(Key, PublicKey.ParseZ32(Key.ToUpperInvariant()).Z32);

    [Fact]
    public void Bytes_that_are_not_a_curve_point_are_rejected()
    {
        var notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        Assert.False(PublicKey.TryFromBytes(notOnCurve, out _));
        var error = Assert.Throws<InvalidPublicKeyException>(() => PublicKey.FromBytes(notOnCurve));
        Assert.Equal("Invalid Ed25519 publickey; Cannot decompress Edwards point", error.Message);
    }

    [Fact]
    public void A_key_parsed_again_is_the_instance_validated_the_first_time() =>
        Assert.Same(PublicKey.ParseZ32(Key), PublicKey.ParseZ32(Key));

    [Fact]
    public void A_z32_text_that_is_not_a_curve_point_is_refused_every_time()
    {
        var notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        var text = Pubky.Protocol.Encoding.Base32Alphabets.ZBase32.Encode(notOnCurve);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.False(PublicKey.TryParseZ32(text, out _));
        }
    }

    [Fact]
    public void Bytes_of_the_wrong_length_are_rejected_with_the_length()
    {
        var error = Assert.Throws<InvalidPublicKeyException>(() => PublicKey.FromBytes(new byte[31]));
        Assert.Equal("Invalid PublicKey length, expected 32 bytes but got: 31", error.Message);
    }

    [Fact]
    public void A_signature_verifies_with_the_signers_key_only()
    {
        using var signer = Keypair.Random();
        using var other = Keypair.Random();
        var message = "Hello, world!"u8.ToArray();
        var signature = signer.Sign(message);
        Assert.True(signer.PublicKey.Verify(message, signature));
        Assert.False(other.PublicKey.Verify(message, signature));
        message[0] ^= 1;
        Assert.False(signer.PublicKey.Verify(message, signature));
    }

    [Fact]
    public void A_keypair_round_trips_through_its_secret()
    {
        using var keypair = Keypair.Random();
        using var again = Keypair.FromSecret(keypair.Secret());
        Assert.Equal(keypair.PublicKey, again.PublicKey);
    }

    [FsCheck.Xunit.Property]
    public void Lenient_parsing_of_any_string_never_throws(string text) => PublicKey.TryParseLenient(text, out _);

    [FsCheck.Xunit.Property]
    public bool A_random_keypairs_key_round_trips_through_z32(byte[] seed)
    {
        var secret = new byte[32];
        (seed ?? []).AsSpan(0, Math.Min(32, seed?.Length ?? 0)).CopyTo(secret);
        using var keypair = Keypair.FromSecret(secret);
        return PublicKey.ParseZ32(keypair.PublicKey.Z32) == keypair.PublicKey;
    }
}
