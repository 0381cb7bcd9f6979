namespace Pubky.Protocol.Tests.Support;

/// <summary>A clock that says what the test tells it to.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock AtMicros(ulong micros) => new(Time.UnixMicros.ToDateTimeOffset(micros));

    public override DateTimeOffset GetUtcNow() => now;
}
