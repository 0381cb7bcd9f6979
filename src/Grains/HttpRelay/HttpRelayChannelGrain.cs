using Orleans.Concurrency;

namespace PubkyCluster.Grains.HttpRelay;

/// <summary>
/// A /link rendezvous held in memory (the reference's relay is in-memory too). Reentrant so that a producer's and a
/// consumer's waits overlap. Semantics of the reference: a second consumer displaces the first; a second producer
/// replaces the first, whose POST is still answered as delivered.
/// </summary>
[Reentrant]
public sealed class HttpRelayChannelGrain(TimeProvider clock) : Grain, IHttpRelayChannelGrain
{
    private readonly Dictionary<long, TaskCompletionSource<bool>> _producers = [];
    private readonly Dictionary<long, TaskCompletionSource<RelayPoll>> _consumers = [];
    private long _lastTicket;
    private (long Ticket, byte[] Body)? _waitingProducer;
    private long? _waitingConsumer;

    public Task<long> Produce(byte[] body)
    {
        var ticket = ++_lastTicket;
        var delivered = NewSource<bool>();
        _producers[ticket] = delivered;
        if (_waitingConsumer is { } consumer)
        {
            _waitingConsumer = null;
            _consumers[consumer].TrySetResult(new RelayPoll(RelayPollStatus.Delivered, body));
            delivered.TrySetResult(true);
        }
        else
        {
            if (_waitingProducer is { } replaced)
            {
                _producers[replaced.Ticket].TrySetResult(true);
            }
            _waitingProducer = (ticket, body);
        }
        return Task.FromResult(ticket);
    }

    public async Task<bool> AwaitDelivery(long ticket, TimeSpan wait)
    {
        if (!_producers.TryGetValue(ticket, out var delivered))
        {
            return false;
        }
        if (await Completes(delivered.Task, wait))
        {
            _producers.Remove(ticket);
            return true;
        }
        return false;
    }

    public Task<long> Consume()
    {
        var ticket = ++_lastTicket;
        var message = NewSource<RelayPoll>();
        _consumers[ticket] = message;
        if (_waitingProducer is { } producer)
        {
            _waitingProducer = null;
            _producers[producer.Ticket].TrySetResult(true);
            message.TrySetResult(new RelayPoll(RelayPollStatus.Delivered, producer.Body));
        }
        else
        {
            if (_waitingConsumer is { } displaced)
            {
                _consumers[displaced].TrySetResult(new RelayPoll(RelayPollStatus.Displaced, null));
            }
            _waitingConsumer = ticket;
        }
        return Task.FromResult(ticket);
    }

    public async Task<RelayPoll> AwaitMessage(long ticket, TimeSpan wait)
    {
        if (!_consumers.TryGetValue(ticket, out var message))
        {
            return new RelayPoll(RelayPollStatus.Displaced, null);
        }
        if (await Completes(message.Task, wait))
        {
            _consumers.Remove(ticket);
            return message.Task.Result;
        }
        return new RelayPoll(RelayPollStatus.Pending, null);
    }

    public Task Cancel(long ticket)
    {
        _producers.Remove(ticket);
        _consumers.Remove(ticket);
        if (_waitingProducer?.Ticket == ticket)
        {
            _waitingProducer = null;
        }
        if (_waitingConsumer == ticket)
        {
            _waitingConsumer = null;
        }
        return Task.CompletedTask;
    }

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether <paramref name="task"/> completes within <paramref name="wait"/>; it never faults.</summary>
    private async Task<bool> Completes(Task task, TimeSpan wait)
    {
        try
        {
            await task.WaitAsync(wait, clock);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
