using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Auth;

public class AuthTokenTests
{
    private static readonly byte[] VectorBytes = Convert.FromHexString(Vectors.AuthTokenHex);

    [Fact]
    public void TheSpecVectorIs143Bytes() => Assert.Equal(143, VectorBytes.Length);

    [Fact]
    public void TheSpecVectorDecodesToItsFields()
    {
        var token = AuthToken.Decode(VectorBytes);
        Assert.Equal(Vectors.ZeroSecretZ32, token.PublicKey.Z32);
        Assert.Equal(Vectors.AuthTokenTimestamp, token.TimestampMicros);
        Assert.Equal("/pub/app/:rw,/pub/foo.txt:r", token.Capabilities.ToString());
    }

    [Fact]
    public void TheSpecVectorsSignatureVerifiesOverBytesFrom65() =>
        Assert.True(AuthToken.Decode(VectorBytes).HasValidSignature());

    [Fact]
    public void TheSpecVectorsSignatureDoesNotCoverTheFirstNamespaceByte()
    {
        var key = PublicKey.ParseZ32(Vectors.ZeroSecretZ32);
        Assert.False(key.Verify(VectorBytes.AsSpan(64), VectorBytes.AsSpan(0, 64)));
        Assert.True(key.Verify(VectorBytes.AsSpan(65), VectorBytes.AsSpan(0, 64)));
    }

    [Fact]
    public void ChangingTheUnsignedFirstNamespaceByteKeepsTheSignatureValid()
    {
        var bytes = VectorBytes.ToArray();
        bytes[64] = (byte)'X';
        Assert.True(AuthToken.Decode(bytes).HasValidSignature());
    }

    [Fact]
    public void SigningTheVectorsFieldsWithTheZeroSecretReproducesTheVector()
    {
        using var keypair = Keypair.FromSecret(Vectors.ZeroSecret);
        var token = AuthToken.Sign(keypair, CapabilityList.Parse("/pub/app/:rw,/pub/foo.txt:r"), Vectors.AuthTokenTimestamp);
        Assert.Equal(Vectors.AuthTokenHex, Convert.ToHexStringLower(token.Encoded));
    }

    [Fact]
    public void TheReplayIdIsTimestampAndKey() =>
        Assert.Equal("000660f94c4043f8" + Vectors.ZeroSecretHex, AuthToken.Decode(VectorBytes).ReplayId);

    [Fact]
    public void The_vector_is_refused_as_expired_once_the_window_has_passed()
    {
        var clock = TestClock.AtMicros(Vectors.AuthTokenTimestamp);
        var verifier = new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, clock);
        clock.Advance(AuthTokenVerifier.DefaultWindow + TimeSpan.FromMicroseconds(1));
        var error = Assert.Throws<InvalidAuthTokenException>(() => verifier.Verify(VectorBytes));
        Assert.Equal(AuthTokenError.Expired, error.Error);
        Assert.Equal("AuthToken has a timestamp that is more than 3 minutes in the past", error.Message);
    }

    [Fact]
    public void TheVectorVerifiesAtItsOwnTime()
    {
        var verifier = new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, TestClock.AtMicros(Vectors.AuthTokenTimestamp));
        Assert.Equal(Vectors.ZeroSecretZ32, verifier.Verify(VectorBytes).PublicKey.Z32);
    }

    [Theory]
    [InlineData(180, 180, null)]
    [InlineData(180, -180, null)]
    [InlineData(180, 181, "AuthToken has a timestamp that is more than 3 minutes in the future")]
    [InlineData(180, -181, "AuthToken has a timestamp that is more than 3 minutes in the past")]
    [InlineData(45, 46, "AuthToken has a timestamp that is more than 45 seconds in the future")]
    [InlineData(45, -46, "AuthToken has a timestamp that is more than 45 seconds in the past")]
    [InlineData(60, 61, "AuthToken has a timestamp that is more than 1 minute in the future")]
    public void TheWindowIsInclusiveAndItsMessageNamesIt(int windowSeconds, int tokenOffsetSeconds, string? expected)
    {
        const ulong now = 1_800_000_000_000_000;
        using var keypair = Keypair.Random();
        var token = AuthToken.Sign(keypair, CapabilityList.Root, (ulong)((long)now + tokenOffsetSeconds * 1_000_000L));
        var verifier = new AuthTokenVerifier(TimeSpan.FromSeconds(windowSeconds), TestClock.AtMicros(now));
        if (expected is null)
        {
            Assert.Equal(keypair.PublicKey, verifier.Verify(token.Encoded).PublicKey);
        }
        else
        {
            Assert.Equal(expected, Assert.Throws<InvalidAuthTokenException>(() => verifier.Verify(token.Encoded)).Message);
        }
    }

    [Fact]
    public void ATamperedTokenHasAnInvalidSignature()
    {
        var bytes = VectorBytes.ToArray();
        bytes[^1] ^= 1;
        var verifier = new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, TestClock.AtMicros(Vectors.AuthTokenTimestamp));
        var error = Assert.Throws<InvalidAuthTokenException>(() => verifier.Verify(bytes));
        Assert.Equal(AuthTokenError.InvalidSignature, error.Error);
        Assert.Equal("Invalid Signature", error.Message);
    }

    [Fact]
    public void AnotherVersionByteIsAnUnknownVersion()
    {
        var bytes = VectorBytes.ToArray();
        bytes[AuthToken.VersionOffset] = 1;
        var error = Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(bytes));
        Assert.Equal("Unknown version", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(75)]
    [InlineData(114)]
    [InlineData(115)]
    [InlineData(120)]
    [InlineData(142)]
    public void ATruncatedTokenIsMalformed(int length)
    {
        var error = Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(VectorBytes.AsSpan(0, length)));
        Assert.Equal(AuthTokenError.Malformed, error.Error);
        Assert.Equal("Hit the end of buffer, expected more data", error.Message);
    }

    [Fact]
    public void AnOversizedTokenIsMalformed()
    {
        var error = Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(new byte[AuthToken.MaxEncodedLength + 1]));
        Assert.Equal(AuthTokenError.Malformed, error.Error);
    }

    [Fact]
    public void ACapabilityLengthBeyondTheInputIsMalformed()
    {
        var bytes = VectorBytes.ToArray();
        bytes[115] = 0x7f;
        Assert.Equal(AuthTokenError.Malformed, Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(bytes)).Error);
    }

    [Fact]
    public void InvalidUtf8CapabilitiesAreMalformed()
    {
        var bytes = VectorBytes.ToArray();
        bytes[116] = 0xff;
        var error = Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(bytes));
        Assert.Equal("Tried to decode a &str with bad UTF-8", error.Message);
    }

    [Fact]
    public void InvalidCapabilityItemsAreDroppedNotRefused()
    {
        using var keypair = Keypair.Random();
        var caps = CapabilityList.Parse("/pub/a/:rw");
        var token = AuthToken.Sign(keypair, caps, 1);
        Assert.Equal("/pub/a/:rw", AuthToken.Decode(token.Encoded).Capabilities.ToString());
    }

    [Fact]
    public void TrailingBytesAreIgnoredByDecodingButCoveredByTheSignature()
    {
        var bytes = VectorBytes.Concat(new byte[] { 1, 2, 3 }).ToArray();
        var token = AuthToken.Decode(bytes);
        Assert.Equal("/pub/app/:rw,/pub/foo.txt:r", token.Capabilities.ToString());
        Assert.False(token.HasValidSignature());
    }

    [FsCheck.Xunit.Property]
    public bool SignThenDecodeGivesTheSameFields(ulong timestamp, string[] scopes)
    {
        using var keypair = Keypair.Random();
        var caps = CapabilityList.From((scopes ?? []).Where(s => s is not null && !s.Contains(',') && !s.Contains(':'))
            .Select(s => new Capability("/" + s, CapabilityActions.Write)));
        var token = AuthToken.Sign(keypair, caps, timestamp);
        var decoded = AuthToken.Decode(token.Encoded);
        return decoded.TimestampMicros == timestamp
            && decoded.PublicKey == keypair.PublicKey
            && decoded.Capabilities.Equals(caps)
            && decoded.HasValidSignature();
    }

    [FsCheck.Xunit.Property]
    public void RandomBytesAreEitherATokenOrATypedError(byte[] bytes)
    {
        try
        {
            AuthToken.Decode(bytes ?? []);
        }
        catch (InvalidAuthTokenException)
        {
        }
    }

    [FsCheck.Xunit.Property]
    public void RandomBytesAfterAValidHeaderAreEitherATokenOrATypedError(byte[] tail)
    {
        var bytes = VectorBytes.AsSpan(0, 115).ToArray().Concat(tail ?? []).ToArray();
        try
        {
            new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, TestClock.AtMicros(Vectors.AuthTokenTimestamp)).Verify(bytes);
        }
        catch (InvalidAuthTokenException)
        {
        }
    }
}
