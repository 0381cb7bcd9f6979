using Orleans.Concurrency;

namespace PubkyCluster.Grains.Operators;

/// <summary>
/// Read-only questions about the whole homeserver that no single user grain can answer (the admin API's /info and
/// disabled-user list). A stateless worker: it owns nothing, so any silo answers from the stores.
/// </summary>
[Alias("pubky.IHomeserverTotalsGrain")]
public interface IHomeserverTotalsGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("GetTotals")]
    Task<HomeserverTotals> GetTotals();

    [ReadOnly, Alias("ListDisabledUsers")]
    Task<IReadOnlyList<string>> ListDisabledUsers();
}
