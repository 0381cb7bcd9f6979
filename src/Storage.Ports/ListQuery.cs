using Pubky.Protocol.Paths;

namespace PubkyCluster.Storage.Ports;

/// <summary>
/// One listing page of a user's entries under <see cref="Directory"/>. <see cref="Cursor"/> is an exclusive bound in
/// UTF-8 byte order (usually a path returned by an earlier page) or null. Shallow: immediate children only, directories
/// ending in '/'.
/// </summary>
public sealed record ListQuery(WebDavPath Directory, string? Cursor, int Limit, bool Reverse, bool Shallow);
