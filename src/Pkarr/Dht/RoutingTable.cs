using System.Net;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Dht;

/// <summary>
/// Kademlia routing table as Rust mainline keeps it: one bucket per XOR distance (160), at most <see cref="K"/> nodes
/// per bucket ordered least-recently-seen first. A full bucket only takes a newcomer in place of a node unheard of for
/// <see cref="StaleAfter"/>, so long-lived responsive nodes are never displaced by a flood of new ids. Which nodes are
/// offered here (only those that answered us) is the node's policy, not the table's.
/// </summary>
public sealed class RoutingTable
{
    public const int K = 20;

    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(15);

    private readonly NodeId _self;
    private readonly TimeProvider _time;
    private readonly List<Entry>[] _buckets = new List<Entry>[NodeId.Bits + 1];
    private readonly Lock _lock = new();

    public RoutingTable(NodeId self, TimeProvider? time = null)
    {
        _self = self;
        _time = time ?? TimeProvider.System;
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = [];
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _buckets.Sum(b => b.Count);
            }
        }
    }

    /// <summary>
    /// Records that <paramref name="contact"/> was just heard from. A known id moves to the most-recent end (its address
    /// is updated only if the old one went stale, so a spoofed id cannot hijack a live entry); a new id is added if its
    /// bucket has room or holds a stale node to replace. Returns whether the contact is in the table afterwards.
    /// </summary>
    public bool Seen(NodeContact contact)
    {
        if (contact.Id.Equals(_self))
        {
            return false;
        }
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var bucket = _buckets[_self.DistanceBits(contact.Id)];
            var index = bucket.FindIndex(e => e.Contact.Id.Equals(contact.Id));
            if (index >= 0)
            {
                var known = bucket[index];
                if (!known.Contact.EndPoint.Equals(contact.EndPoint) && now - known.LastSeen < StaleAfter)
                {
                    return false;
                }
                bucket.RemoveAt(index);
                bucket.Add(new Entry(contact, now));
                return true;
            }
            if (bucket.Count >= K)
            {
                if (now - bucket[0].LastSeen < StaleAfter)
                {
                    return false;
                }
                bucket.RemoveAt(0);
            }
            bucket.Add(new Entry(contact, now));
            return true;
        }
    }

    /// <summary>Forgets a node, e.g. one that stopped answering.</summary>
    public void Remove(IPEndPoint endPoint)
    {
        lock (_lock)
        {
            foreach (var bucket in _buckets)
            {
                bucket.RemoveAll(e => e.Contact.EndPoint.Equals(endPoint));
            }
        }
    }

    public bool Contains(NodeId id)
    {
        lock (_lock)
        {
            return _buckets[_self.DistanceBits(id)].Exists(e => e.Contact.Id.Equals(id));
        }
    }

    /// <summary>Up to <paramref name="count"/> known nodes closest to <paramref name="target"/> by XOR distance.</summary>
    public IReadOnlyList<NodeContact> Closest(NodeId target, int count = K)
    {
        lock (_lock)
        {
            return _buckets.SelectMany(b => b)
                .Select(e => e.Contact)
                .Order(Comparer<NodeContact>.Create((a, b) => target.CompareDistance(a.Id, b.Id)))
                .Take(count)
                .ToList();
        }
    }

    private readonly record struct Entry(NodeContact Contact, DateTimeOffset LastSeen);
}
