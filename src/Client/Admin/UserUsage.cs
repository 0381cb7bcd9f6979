namespace Pubky.Client.Admin;

/// <summary>A user's storage as the admin API reports it (<c>GET /users/{key}/usage</c>): bytes (with 256 per file, as quotas count), files, last write.</summary>
public sealed record UserUsage(long UsedBytes, long Files, DateTimeOffset? LastWrite);
