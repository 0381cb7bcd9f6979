using Orleans.Concurrency;
using PubkyCluster.Grains.Events;

namespace PubkyCluster.Grains.Users;

/// <summary>Receives a user's events as they commit, for live /events-stream subscribers.</summary>
[Alias("pubky.IUserEventObserver")]
public interface IUserEventObserver : IGrainObserver
{
    [OneWay, Alias("OnEvent")]
    Task OnEvent(EventView committed);
}
