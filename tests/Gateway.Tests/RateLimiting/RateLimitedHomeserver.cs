using Microsoft.Extensions.Time.Testing;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.RateLimiting;

/// <summary>
/// A homeserver with one rule per behaviour under test, each on paths of its own so that no two tests share a bucket,
/// and a fake clock (starting at the real time, so AuthTokens signed now are in its window) that only the tests move.
/// </summary>
public sealed class RateLimitedHomeserver : IAsyncLifetime
{
    private static readonly byte[] ExemptSecret = Enumerable.Repeat((byte)7, 32).ToArray();

    private TestHomeserver? _server;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    /// <summary>The key the user-keyed whitelist rule exempts.</summary>
    public static Keypair ExemptUser() => Keypair.FromSecret(ExemptSecret);

    public async Task InitializeAsync()
    {
        using var exempt = ExemptUser();
        _server = await TestHomeserver.StartAsync(
            RateLimitRules.Settings(
                ("GET", "/plain", "3r/s", "Ip", null, []),
                ("GET", "/refused", "3r/s", "Ip", null, []),
                ("GET", "/recovers", "3r/s", "Ip", null, []),
                ("GET", "/glob/*/x", "2r/s", "Ip", null, []),
                ("GET", "/deep/**", "2r/s", "Ip", null, []),
                ("PUT", "/method", "1r/s", "Ip", null, []),
                ("GET", "/burst", "1r/s", "Ip", 3, []),
                ("GET", "/session", "2r/s", "User", null, []),
                ("GET", "/exempt", "1r/s", "Ip", null, ["127.0.0.1"]),
                ("GET", "/pub/exempt/*", "1r/s", "User", null, [exempt.PublicKey.Z32]),
                ("PUT", "/pub/once/*", "1r/m", "User", null, [])),
            services: services => TestHomeserver.UseClock(services, Clock));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
