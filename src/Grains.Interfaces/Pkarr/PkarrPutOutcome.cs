namespace PubkyCluster.Grains.Pkarr;

public enum PkarrPutOutcome
{
    Stored,
    /// <summary>The held packet is more recent (HTTP 409).</summary>
    NotMostRecent,
    /// <summary>If-Match did not equal the held packet's timestamp (HTTP 412).</summary>
    CasFailed,
}
