using System.Net;

namespace Pubky.Pkarr.Krpc;

/// <summary>A DHT node as other nodes describe it: its id and the IPv4 address and port it answers on.</summary>
public sealed record NodeContact(NodeId Id, IPEndPoint EndPoint);
