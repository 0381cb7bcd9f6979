namespace Pubky.Protocol.Auth;

/// <summary>
/// Decodes an AuthToken and checks its time window and signature, in the reference's order. Replay protection is not
/// here: it needs state shared by the whole cluster, which the user's grain owns (keyed by <see cref="AuthToken.ReplayId"/>,
/// remembered for twice the window).
/// </summary>
public sealed class AuthTokenVerifier(TimeSpan window, TimeProvider clock)
{
    /// <summary>The reference's window since 0.9 (it was 45 s in 0.6.0).</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(180);

    public TimeSpan Window { get; } = window > TimeSpan.Zero
        ? window
        : throw new ArgumentOutOfRangeException(nameof(window), "The AuthToken window must be positive.");

    public AuthToken Verify(ReadOnlySpan<byte> bytes)
    {
        var token = AuthToken.Decode(bytes);
        var nowMicros = Time.UnixMicros.Now(clock);
        var difference = (decimal)token.TimestampMicros - nowMicros;
        var windowMicros = (decimal)Window.Ticks / TimeSpan.TicksPerMicrosecond;
        if (difference > windowMicros)
        {
            throw new InvalidAuthTokenException(
                AuthTokenError.TooFarInTheFuture, $"AuthToken has a timestamp that is more than {DescribeWindow()} in the future");
        }
        if (difference < -windowMicros)
        {
            throw new InvalidAuthTokenException(
                AuthTokenError.Expired, $"AuthToken has a timestamp that is more than {DescribeWindow()} in the past");
        }
        if (!token.HasValidSignature())
        {
            throw new InvalidAuthTokenException(AuthTokenError.InvalidSignature, "Invalid Signature");
        }
        return token;
    }

    /// <summary>"45 seconds", "3 minutes": the wording of the reference's messages for its two windows.</summary>
    private string DescribeWindow()
    {
        var seconds = (long)Window.TotalSeconds;
        return seconds % 60 == 0 && seconds >= 60
            ? $"{seconds / 60} minute{(seconds == 60 ? "" : "s")}"
            : $"{seconds} second{(seconds == 1 ? "" : "s")}";
    }
}
