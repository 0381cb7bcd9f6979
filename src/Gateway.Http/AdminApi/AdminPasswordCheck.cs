using System.Security.Cryptography;
using System.Text;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The admin password compared in fixed time, for X-Admin-Password and the WebDAV's Basic credential alike. Both sides
/// are hashed first, so neither the content nor the length of the password leaks through timing.
/// </summary>
public sealed class AdminPasswordCheck(IOptions<AdminOptions> options)
{
    private readonly byte[] _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Password));

    public bool Matches(string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expectedHash);
}
