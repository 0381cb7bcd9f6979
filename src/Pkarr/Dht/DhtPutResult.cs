namespace Pubky.Pkarr.Dht;

/// <summary>What the closest nodes said to one BEP44 <c>put</c>, so publishers can apply their own threshold.</summary>
public sealed record DhtPutResult(
    int StoredNodes,
    int AlreadyHeldIdentical,
    int CasMismatches,
    int SequenceTooLow,
    int OtherErrors,
    int NoResponse)
{
    /// <summary>
    /// Nodes that now hold the item: those that accepted it plus those that answered 302 while already holding the
    /// identical item (bittorrent-dht answers 302 to an equal-seq re-put even when it is identical).
    /// </summary>
    public int Stored => StoredNodes + AlreadyHeldIdentical;

    /// <summary>Nodes the put was sent to.</summary>
    public int Attempted => StoredNodes + AlreadyHeldIdentical + CasMismatches + SequenceTooLow + OtherErrors + NoResponse;
}
