using Microsoft.Extensions.Time.Testing;

namespace Pubky.Protocol.Tests.Support;

/// <summary>Fake clocks set to a moment given in the protocol's unit.</summary>
public static class TestClock
{
    public static FakeTimeProvider AtMicros(ulong micros) => new(Time.UnixMicros.ToDateTimeOffset(micros));
}
