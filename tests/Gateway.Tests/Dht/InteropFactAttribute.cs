namespace PubkyCluster.Gateway.Tests.Dht;

/// <summary>A fact that needs the npm peers; skipped with the reason when Node.js or the installed peers are missing.</summary>
public sealed class InteropFactAttribute : FactAttribute
{
    public InteropFactAttribute() => Skip = InteropPeer.Unavailable;
}
