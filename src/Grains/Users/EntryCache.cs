using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// The user grain's last few entries by path, absent ones included (a null entry: no file there). Exact because the
/// grain is the only writer of its entries: every commit it makes updates the cache, and a commit whose outcome is
/// unknown clears it. A small array searched linearly: at this size that is both the fastest and the lightest form
/// (memory per active grain is a goal of issue 9).
/// </summary>
internal sealed class EntryCache(int capacity)
{
    private Slot[]? _slots;
    private int _count;
    private long _clock;

    public bool TryGet(string path, out EntryRecord? entry)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_slots![i].Path, path, StringComparison.Ordinal))
            {
                _slots[i].LastUse = ++_clock;
                entry = _slots[i].Entry;
                return true;
            }
        }
        entry = null;
        return false;
    }

    /// <summary>Remembers <paramref name="entry"/> at <paramref name="path"/>, replacing the least recently used slot when full.</summary>
    public void Set(string path, EntryRecord? entry)
    {
        if (capacity == 0)
        {
            return;
        }
        _slots ??= new Slot[capacity];
        var target = -1;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_slots[i].Path, path, StringComparison.Ordinal))
            {
                target = i;
                break;
            }
        }
        if (target < 0 && _count < capacity)
        {
            target = _count++;
        }
        if (target < 0)
        {
            target = 0;
            for (var i = 1; i < _count; i++)
            {
                if (_slots[i].LastUse < _slots[target].LastUse)
                {
                    target = i;
                }
            }
        }
        _slots[target] = new Slot { Path = path, Entry = entry, LastUse = ++_clock };
    }

    public void Clear()
    {
        _slots = null;
        _count = 0;
    }

    private struct Slot
    {
        public string Path;
        public EntryRecord? Entry;
        public long LastUse;
    }
}
