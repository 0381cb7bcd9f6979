using System.Diagnostics.CodeAnalysis;

namespace Pubky.Pkarr.Dht;

/// <summary>
/// A thread-safe map that holds at most <c>capacity</c> entries and evicts the least recently used one, the bound
/// every store fed by strangers (DHT items, peers, resolver cache) needs.
/// </summary>
internal sealed class BoundedLru<TKey, TValue>
    where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _index = [];
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _order = new();
    private readonly Lock _lock = new();

    public BoundedLru(int capacity) =>
        _capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), "Capacity must be positive.");

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>Reads and marks as recently used.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddLast(node);
                value = node.Value.Value;
                return true;
            }
            value = default;
            return false;
        }
    }

    /// <summary>
    /// Atomically computes the new value from the current one (default when absent) and stores it as most recent;
    /// <paramref name="update"/> returning false leaves the entry untouched. Returns the stored value or the unchanged one.
    /// </summary>
    public TValue? AddOrUpdate(TKey key, Func<TValue?, (bool Store, TValue? Value)> update)
    {
        lock (_lock)
        {
            _index.TryGetValue(key, out var node);
            var (store, value) = update(node is null ? default : node.Value.Value);
            if (!store)
            {
                return node is null ? default : node.Value.Value;
            }
            if (node is not null)
            {
                _order.Remove(node);
            }
            else if (_index.Count >= _capacity)
            {
                _index.Remove(_order.First!.Value.Key);
                _order.RemoveFirst();
            }
            var fresh = _order.AddLast(new KeyValuePair<TKey, TValue>(key, value!));
            _index[key] = fresh;
            return value;
        }
    }

    public void Set(TKey key, TValue value) => AddOrUpdate(key, _ => (true, value));
}
