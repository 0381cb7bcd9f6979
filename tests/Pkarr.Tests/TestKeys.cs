using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests;

/// <summary>
/// Deterministic keys: the zero seed is pubky's static-testnet homeserver key (pubky-core v0.6.0:
/// pubky-testnet/src/static_testnet.rs).
/// </summary>
internal static class TestKeys
{
    public static Keypair Homeserver { get; } = Keypair.FromSecret(new byte[32]);

    public static Keypair User { get; } = Keypair.FromSecret(Enumerable.Repeat((byte)7, 32).ToArray());
}
