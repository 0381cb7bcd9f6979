namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// Pings the republisher singleton whenever a silo becomes active, so it (and its timer) is running again soon after
/// the silo that hosted it went away; no reminder store is needed for that.
/// </summary>
internal sealed class PkarrRepublisherStartup(IGrainFactory grains) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(PkarrRepublisherStartup),
            ServiceLifecycleStage.Active,
            _ => grains.GetGrain<IPkarrRepublisherGrain>(IPkarrRepublisherGrain.SingletonKey).Start());
}
