namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The body of GET /info, field for field as the reference's (pubky-core v0.6.0:
/// pubky-homeserver/src/admin_server/routes/info.rs).
/// </summary>
public sealed record ServerInfo(
    long NumUsers,
    long NumDisabledUsers,
    long TotalDiskUsedMb,
    long NumSignupCodes,
    long NumUnusedSignupCodes,
    string PublicKey,
    string? PkarrPubkyAddress,
    string? PkarrIcannDomain,
    string Version);
