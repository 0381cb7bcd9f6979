namespace Pubky.Client.Admin;

/// <summary>
/// A page of <c>GET /users/departed</c>: users whose PKARR record points at another homeserver, with the space their
/// files still take here. Times are as the server writes them (UTC, no offset, like the signup-token listing).
/// </summary>
public sealed record DepartedUsers(IReadOnlyList<DepartedUser> Items, string? NextCursor);

public sealed record DepartedUser(string User, string Homeserver, string FirstSeen, string LastSeen, long UsedBytes, long Files);
