namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>Distinct, increasing, microsecond-precise times (stores keep microseconds), so round trips compare equal.</summary>
public static class TestClock
{
    private static long _micros = SinceEpochMicros(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static DateTimeOffset Next() =>
        DateTimeOffset.UnixEpoch.AddTicks(Interlocked.Add(ref _micros, 1000) * TimeSpan.TicksPerMicrosecond);

    public static long SinceEpochMicros(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
