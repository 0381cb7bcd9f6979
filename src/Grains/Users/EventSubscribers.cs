namespace PubkyCluster.Grains.Users;

/// <summary>
/// Live-event subscribers with leases: a subscriber that stops renewing (its gateway died) is dropped after
/// <see cref="Lease"/>, so a user grain never keeps dead observers.
/// </summary>
internal sealed class EventSubscribers(TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly Dictionary<IUserEventObserver, DateTimeOffset> _renewedAt = [];

    public int Count => _renewedAt.Count;

    public void Renew(IUserEventObserver observer) => _renewedAt[observer] = clock.GetUtcNow();

    public void Remove(IUserEventObserver observer) => _renewedAt.Remove(observer);

    public IReadOnlyList<IUserEventObserver> Live()
    {
        var cutoff = clock.GetUtcNow() - Lease;
        foreach (var expired in _renewedAt.Where(s => s.Value < cutoff).Select(s => s.Key).ToList())
        {
            _renewedAt.Remove(expired);
        }
        return [.. _renewedAt.Keys];
    }
}
