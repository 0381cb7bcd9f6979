namespace Pubky.Protocol.Time;

/// <summary>Microseconds since the Unix epoch: the unit of AuthToken, pkarr and event timestamps.</summary>
public static class UnixMicros
{
    public static ulong From(DateTimeOffset time) => (ulong)((time - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);

    public static DateTimeOffset ToDateTimeOffset(ulong micros) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)micros * TimeSpan.TicksPerMicrosecond);

    public static ulong Now(TimeProvider clock) => From(clock.GetUtcNow());
}
