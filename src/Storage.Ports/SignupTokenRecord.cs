namespace PubkyCluster.Storage.Ports;

public sealed record SignupTokenRecord(
    string Token,
    DateTimeOffset CreatedAt,
    QuotaRecord Quota,
    string? UsedBy,
    DateTimeOffset? UsedAt);
