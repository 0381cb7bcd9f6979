using System.Net;
using System.Security.Cryptography;

namespace Pubky.Pkarr.Dht;

/// <summary>
/// Write tokens for <c>put</c> and <c>announce_peer</c>: an HMAC of the requester's IP under a secret rotated every
/// <see cref="RotationInterval"/>, the previous secret still accepted, so a token is good for 5 to 10 minutes and
/// proves the writer can receive at that IP. Rotation is lazy (checked on use), so no timer is needed.
/// </summary>
internal sealed class TokenIssuer
{
    public static readonly TimeSpan RotationInterval = TimeSpan.FromMinutes(5);

    private const int TokenLength = 8;
    private const int SecretLength = 32;

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private byte[] _current = RandomNumberGenerator.GetBytes(SecretLength);
    private byte[] _previous = RandomNumberGenerator.GetBytes(SecretLength);
    private DateTimeOffset _rotatedAt;

    public TokenIssuer(TimeProvider time)
    {
        _time = time;
        _rotatedAt = time.GetUtcNow();
    }

    public byte[] Issue(IPAddress requester)
    {
        lock (_lock)
        {
            RotateIfDue();
            return Compute(_current, requester);
        }
    }

    public bool IsValid(ReadOnlySpan<byte> token, IPAddress requester)
    {
        lock (_lock)
        {
            RotateIfDue();
            return CryptographicOperations.FixedTimeEquals(token, Compute(_current, requester))
                || CryptographicOperations.FixedTimeEquals(token, Compute(_previous, requester));
        }
    }

    private void RotateIfDue()
    {
        var now = _time.GetUtcNow();
        if (now - _rotatedAt < RotationInterval)
        {
            return;
        }
        // After a long idle period both secrets are too old; a double rotation invalidates everything issued before.
        _previous = now - _rotatedAt < 2 * RotationInterval ? _current : RandomNumberGenerator.GetBytes(SecretLength);
        _current = RandomNumberGenerator.GetBytes(SecretLength);
        _rotatedAt = now;
    }

    private static byte[] Compute(byte[] secret, IPAddress requester) =>
        HMACSHA256.HashData(secret, requester.GetAddressBytes())[..TokenLength];
}
