namespace Pubky.Pkarr.Dht;

/// <summary>
/// Live counters of one <see cref="DhtNode"/>, readable from any thread; exposed instead of logging so hosts can export
/// them as metrics and tests can assert on drops.
/// </summary>
public sealed class DhtCounters
{
    private long _queriesSent;
    private long _responsesReceived;
    private long _errorsReceived;
    private long _timeouts;
    private long _queriesAnswered;
    private long _queriesIgnored;
    private long _droppedDatagrams;
    private long _rejectedValues;
    private long _storedItems;

    /// <summary>Queries this node sent (every lookup step, ping, put).</summary>
    public long QueriesSent => Volatile.Read(ref _queriesSent);

    /// <summary>Responses that matched one of our pending queries.</summary>
    public long ResponsesReceived => Volatile.Read(ref _responsesReceived);

    /// <summary>KRPC error messages that matched one of our pending queries.</summary>
    public long ErrorsReceived => Volatile.Read(ref _errorsReceived);

    /// <summary>Queries that got no answer within the request timeout.</summary>
    public long Timeouts => Volatile.Read(ref _timeouts);

    /// <summary>Inbound queries answered (with a response or a KRPC error).</summary>
    public long QueriesAnswered => Volatile.Read(ref _queriesAnswered);

    /// <summary>Inbound queries not answered because this node runs in client (read-only) mode.</summary>
    public long QueriesIgnored => Volatile.Read(ref _queriesIgnored);

    /// <summary>
    /// Datagrams thrown away: not KRPC, oversized, a response nobody waits for, or a response whose fields are
    /// malformed. Hostile or broken peers show up here; the receive loop never stops because of them.
    /// </summary>
    public long DroppedDatagrams => Volatile.Read(ref _droppedDatagrams);

    /// <summary>BEP44 values in answers that failed verification (wrong key, wrong target, bad signature or DNS).</summary>
    public long RejectedValues => Volatile.Read(ref _rejectedValues);

    /// <summary>Mutable items currently held by this node's server-mode store.</summary>
    public long StoredItems => Volatile.Read(ref _storedItems);

    internal void QuerySent() => Interlocked.Increment(ref _queriesSent);

    internal void ResponseReceived() => Interlocked.Increment(ref _responsesReceived);

    internal void ErrorReceived() => Interlocked.Increment(ref _errorsReceived);

    internal void TimedOut() => Interlocked.Increment(ref _timeouts);

    internal void QueryAnswered() => Interlocked.Increment(ref _queriesAnswered);

    internal void QueryIgnored() => Interlocked.Increment(ref _queriesIgnored);

    internal void DatagramDropped() => Interlocked.Increment(ref _droppedDatagrams);

    internal void ValueRejected() => Interlocked.Increment(ref _rejectedValues);

    internal void SetStoredItems(int count) => Volatile.Write(ref _storedItems, count);
}
