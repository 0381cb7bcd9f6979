using Orleans.Concurrency;
using PubkyCluster.Grains.Events;

namespace PubkyCluster.Grains.Users;

/// <summary>Receives a user's events as they commit, and the end of the user's sessions, for live /events-stream subscribers.</summary>
[Alias("pubky.IUserEventObserver")]
public interface IUserEventObserver : IGrainObserver
{
    [OneWay, Alias("OnEvent")]
    Task OnEvent(EventView committed);

    /// <summary>
    /// The session with this secret's SHA-256 (a cookie session or a grant's bearer) authorises nothing any more: signed
    /// out, revoked, replaced by a newer bearer, or pruned. A private stream opened with it ends.
    /// </summary>
    [OneWay, Alias("OnSessionEnded")]
    Task OnSessionEnded(string sessionSecretHash);
}
