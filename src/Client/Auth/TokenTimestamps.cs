using Pubky.Protocol.Time;

namespace Pubky.Client.Auth;

/// <summary>
/// AuthToken timestamps: microseconds since the Unix epoch, strictly increasing within one instance, because a
/// homeserver refuses a token whose timestamp and key it has seen before (spec A8.1, "AuthToken already used").
/// The clock's full microseconds, not milliseconds times 1000, so two instances signing for one key (two clients of a
/// migration) do not meet within the same millisecond.
/// </summary>
internal sealed class TokenTimestamps(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private ulong _last;

    public ulong Next()
    {
        var now = UnixMicros.Now(clock);
        lock (_lock)
        {
            _last = Math.Max(now, _last + 1);
            return _last;
        }
    }
}
