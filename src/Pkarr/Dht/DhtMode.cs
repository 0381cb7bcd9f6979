namespace Pubky.Pkarr.Dht;

/// <summary>Whether the node serves the network or only uses it.</summary>
public enum DhtMode
{
    /// <summary>BEP 43 read-only: queries carry <c>ro=1</c>, inbound queries are not answered, nothing is stored.</summary>
    Client,

    /// <summary>Answers ping/find_node/get_peers/announce_peer/get/put and stores BEP44 items and peers.</summary>
    Server,
}
