using System.Net;

namespace PubkyCluster.Gateway.Bounds;

/// <summary>
/// Counts what is open now, per client address (see <see cref="ClientAddressKey"/>) and in total, and admits one more
/// only while both counts are below their limits. Counts are this gateway's: a connection lives on one gateway.
/// </summary>
public sealed class ConcurrencyBound(BoundedResource resource, int perAddress, int total, HomeserverMetrics metrics)
{
    private readonly Dictionary<IPAddress, int> _open = [];
    private readonly Lock _lock = new();
    private int _total;

    public BoundedResource Resource => resource;

    /// <summary>Admits one more for <paramref name="address"/>, or says which limit refused it; dispose the entry when it ends.</summary>
    public BoundEntry Enter(IPAddress? address)
    {
        var key = ClientAddressKey.Of(address);
        BoundScope refused;
        lock (_lock)
        {
            var open = _open.GetValueOrDefault(key);
            refused = open >= perAddress ? BoundScope.Address : _total >= total ? BoundScope.Total : BoundScope.None;
            if (refused == BoundScope.None)
            {
                _open[key] = open + 1;
                _total++;
                return new BoundEntry(this, key);
            }
        }
        metrics.BoundRefused(resource.MetricTag());
        return new BoundEntry(refused);
    }

    /// <summary>How many are open for <paramref name="address"/>'s key now.</summary>
    internal int OpenFor(IPAddress? address)
    {
        lock (_lock)
        {
            return _open.GetValueOrDefault(ClientAddressKey.Of(address));
        }
    }

    /// <summary>How many are open on this gateway now.</summary>
    internal int OpenTotal
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    internal void Leave(IPAddress key)
    {
        lock (_lock)
        {
            var open = _open[key] - 1;
            if (open == 0)
            {
                _open.Remove(key);
            }
            else
            {
                _open[key] = open;
            }
            _total--;
        }
    }
}

/// <summary>One admitted (or refused) connection; disposing an admitted one frees its place, once.</summary>
public sealed class BoundEntry : IDisposable
{
    private readonly ConcurrencyBound? _bound;
    private readonly IPAddress? _key;
    private int _left;

    internal BoundEntry(ConcurrencyBound bound, IPAddress key) => (_bound, _key) = (bound, key);

    internal BoundEntry(BoundScope refused) => Refused = refused;

    public BoundScope Refused { get; }

    public void Dispose()
    {
        if (_bound is not null && Interlocked.Exchange(ref _left, 1) == 0)
        {
            _bound.Leave(_key!);
        }
    }
}
