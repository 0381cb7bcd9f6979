using Pubky.Protocol.Keys;

namespace Pubky.Client.Auth;

/// <summary>A signup link's extra: the homeserver the signer creates the account on first (<c>hs</c>) and its signup token (<c>st</c>), spec A10 step 3.</summary>
public sealed record AuthSignup(PublicKey Homeserver, string? Token = null);
