using PubkyCluster.Grains.Users;

namespace PubkyCluster.Grains.Storage;

public sealed record SignupTokenRecord(
    string Token,
    DateTimeOffset CreatedAt,
    UserQuota Quota,
    string? UsedBy,
    DateTimeOffset? UsedAt);
