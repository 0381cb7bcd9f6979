using Microsoft.Extensions.DependencyInjection.Extensions;
using Pubky.Protocol.Keys;
using PubkyCluster.Hosting.Cluster;
using PubkyCluster.Hosting.Settings;
using PubkyCluster.Hosting.Storage;

namespace PubkyCluster.Hosting.Homeserver;

/// <summary>
/// The homeserver's own Ed25519 key: the key its PKARR record is published under and that apps sign up with.
/// Testnet: the secret of 32 zero bytes (8pinxxgq…). Otherwise the configured secret (inline or in a file), or, in the
/// single-process form only, one generated on first start and kept in the data directory, so the identity survives restarts.
/// </summary>
public sealed class HomeserverIdentity : IDisposable
{
    private const string SecretFileName = "homeserver.secret";

    public HomeserverIdentity(IOptions<HomeserverOptions> options)
    {
        var homeserver = options.Value;
        Keypair = Keypair.FromSecret(homeserver switch
        {
            { Testnet: true } => new byte[Keypair.SecretLength],
            { SecretKeyHex: { } hex } => Convert.FromHexString(hex),
            { SecretKeyFile: { } file } => SecretKeyText.ReadFile(file),
            _ => LoadOrCreateSecret(homeserver.DataDirectory),
        });
    }

    public Keypair Keypair { get; }

    public PublicKey PublicKey => Keypair.PublicKey;

    public void Dispose() => Keypair.Dispose();

    private static byte[] LoadOrCreateSecret(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, SecretFileName);
        if (File.Exists(path))
        {
            return Convert.FromHexString(File.ReadAllText(path).Trim());
        }
        using var generated = Keypair.Random();
        var secret = generated.Secret();
        File.WriteAllText(path, Convert.ToHexStringLower(secret));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return secret;
    }
}

public static class HomeserverIdentityServices
{
    /// <summary>The "Homeserver" settings and the key they name; every process of a deployment must agree on them.</summary>
    public static HomeserverOptions AddHomeserverIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<HomeserverIdentity>();
        return services.AddValidatedOptions(configuration, HomeserverOptions.Section, new HomeserverOptionsValidator(IsClustered(services, configuration)));
    }

    /// <summary>
    /// A process of a cluster: its state is in Azure storage or it finds other processes through a membership table. A
    /// silo process is one by its settings (src/Silo/appsettings.json); the single-process homeserver is not.
    /// </summary>
    public static bool IsClustered(IServiceCollection services, IConfiguration configuration) =>
        services.AddValidatedOptions(configuration, StorageProfileOptions.Section, new StorageProfileOptionsValidator()).Profile == StorageProfile.Azure
        || services.AddValidatedOptions(configuration, ClusterMembershipOptions.Section, new ClusterMembershipOptionsValidator()).Membership != MembershipKind.Localhost;
}
