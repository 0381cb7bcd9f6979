using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Dht;

/// <summary>
/// One UDP socket speaking KRPC: correlates responses to queries by (transaction id, exact sender endpoint), times
/// requests out, and hands inbound queries to the node. Replies leave through the same socket, which BEP 5 peers and
/// strict Rust nodes require. Nothing a peer sends can end the receive loop; bad datagrams are counted and dropped.
/// </summary>
internal sealed class KrpcSocket : IAsyncDisposable
{
    /// <summary>Rust mainline reads at most 2048 bytes; anything larger is not a KRPC message we want.</summary>
    public const int MaxDatagramLength = 2048;

    /// <summary>Bounds memory held by queries in flight across all lookups on this socket.</summary>
    private const int MaxPendingRequests = 4096;

    private readonly Socket _socket;
    private readonly int _transactionIdLength;
    private readonly TimeSpan _requestTimeout;
    private readonly DhtCounters _counters;
    private readonly TimeProvider _time;
    private readonly Func<KrpcMessage, IPEndPoint, CancellationToken, ValueTask> _onQuery;
    private readonly ConcurrentDictionary<(uint Tid, IPEndPoint From), TaskCompletionSource<KrpcMessage>> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _receiveLoop = Task.CompletedTask;
    private uint _nextTransactionId = BinaryPrimitives.ReadUInt32BigEndian(RandomNumberGenerator.GetBytes(4));

    public KrpcSocket(
        IPEndPoint bindEndPoint,
        int transactionIdLength,
        TimeSpan requestTimeout,
        DhtCounters counters,
        TimeProvider time,
        Func<KrpcMessage, IPEndPoint, CancellationToken, ValueTask> onQuery)
    {
        if (bindEndPoint.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("The DHT node binds IPv4 only: compact node formats are IPv4.", nameof(bindEndPoint));
        }
        _transactionIdLength = transactionIdLength is 2 or 4
            ? transactionIdLength
            : throw new ArgumentOutOfRangeException(nameof(transactionIdLength), "Transaction ids are 2 or 4 bytes.");
        _requestTimeout = requestTimeout;
        _counters = counters;
        _time = time;
        _onQuery = onQuery;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bindEndPoint);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start() => _receiveLoop = Task.Run(() => ReceiveLoopAsync(_stopping.Token));

    /// <summary>
    /// Sends the query built by <paramref name="build"/> (given a fresh transaction id) and waits for the response or
    /// error from exactly <paramref name="to"/>. Null on timeout, on a send failure, or when too much is in flight.
    /// </summary>
    public async Task<KrpcMessage?> RequestAsync(IPEndPoint to, Func<byte[], KrpcMessage> build, CancellationToken cancellationToken)
    {
        if (_pending.Count >= MaxPendingRequests || !TryReserve(to, out var tid, out var completion))
        {
            return null;
        }
        try
        {
            var message = build(TransactionIdBytes(tid));
            if (!await TrySendAsync(message, to, cancellationToken))
            {
                return null;
            }
            _counters.QuerySent();
            return await completion.Task.WaitAsync(_requestTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            _counters.TimedOut();
            return null;
        }
        finally
        {
            _pending.TryRemove((tid, to), out _);
        }
    }

    /// <summary>Sends a reply; a failed send is counted as a drop, never thrown, because the requester may be gone.</summary>
    public async ValueTask SendAsync(KrpcMessage message, IPEndPoint to, CancellationToken cancellationToken)
    {
        if (!await TrySendAsync(message, to, cancellationToken))
        {
            _counters.DatagramDropped();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync();
        _socket.Dispose();
        await _receiveLoop;
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }
        _stopping.Dispose();
    }

    private bool TryReserve(IPEndPoint to, out uint tid, out TaskCompletionSource<KrpcMessage> completion)
    {
        completion = new TaskCompletionSource<KrpcMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        // With 2-byte ids a busy endpoint could occupy many values; a few probes find a free one or give up.
        for (var attempt = 0; attempt < 16; attempt++)
        {
            tid = Interlocked.Increment(ref _nextTransactionId);
            if (_transactionIdLength == 2)
            {
                tid &= 0xFFFF;
            }
            if (_pending.TryAdd((tid, to), completion))
            {
                return true;
            }
        }
        tid = 0;
        return false;
    }

    private byte[] TransactionIdBytes(uint tid)
    {
        var bytes = new byte[_transactionIdLength];
        if (_transactionIdLength == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)tid);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, tid);
        }
        return bytes;
    }

    private async ValueTask<bool> TrySendAsync(KrpcMessage message, IPEndPoint to, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(message.Encode(), SocketFlags.None, to, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken stopping)
    {
        var buffer = new byte[MaxDatagramLength + 1];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // Truncated datagrams and ICMP-induced errors surface here; they concern one datagram only.
                _counters.DatagramDropped();
                continue;
            }
            if (received.ReceivedBytes > MaxDatagramLength || received.RemoteEndPoint is not IPEndPoint from)
            {
                _counters.DatagramDropped();
                continue;
            }
            await HandleDatagramAsync(buffer.AsMemory(0, received.ReceivedBytes), from, stopping);
        }
    }

    private async ValueTask HandleDatagramAsync(ReadOnlyMemory<byte> datagram, IPEndPoint from, CancellationToken stopping)
    {
        try
        {
            var message = KrpcMessage.Decode(datagram.Span);
            if (message.Kind == KrpcMessageKind.Query)
            {
                await _onQuery(message, from, stopping);
                return;
            }
            if (message.TransactionId.Length == _transactionIdLength
                && _pending.TryGetValue((ReadTransactionId(message.TransactionId), from), out var waiting)
                && waiting.TrySetResult(message))
            {
                return;
            }
            _counters.DatagramDropped();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Decoding and query handling are the only code a stranger drives; whatever they trigger stays here.
            _counters.DatagramDropped();
        }
    }

    private uint ReadTransactionId(ReadOnlySpan<byte> bytes) =>
        _transactionIdLength == 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
