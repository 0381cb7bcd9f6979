using Pubky.Protocol.Keys;

namespace Pubky.Client.Http;

/// <summary>
/// Where a homeserver answers plain HTTP (its ICANN endpoint, such as http://localhost:6286 on a testnet) and the key it
/// is known by: requests carry the user, or for signup the homeserver, in the <c>pubky-host</c> header
/// (the reference's PubkyHostLayer; ARCHITECTURE and spec A2).
/// </summary>
public sealed record Homeserver(Uri Url, PublicKey Key);
