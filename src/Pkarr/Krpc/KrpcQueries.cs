namespace Pubky.Pkarr.Krpc;

/// <summary>The query names (<c>q</c>) of BEP 5 and BEP 44.</summary>
public static class KrpcQueries
{
    public const string Ping = "ping";
    public const string FindNode = "find_node";
    public const string GetPeers = "get_peers";
    public const string AnnouncePeer = "announce_peer";
    public const string Get = "get";
    public const string Put = "put";
}
