using Orleans.Concurrency;
using PubkyCluster.Grains.SignupTokens;

namespace PubkyCluster.Grains.Operators;

/// <summary>
/// Read-only questions about the whole homeserver that no single user grain can answer (the admin API's /info,
/// disabled-user list, departed-user listing and signup-token listing). A stateless worker: it owns nothing, so any silo answers from the stores.
/// </summary>
[Alias("pubky.IHomeserverTotalsGrain")]
public interface IHomeserverTotalsGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("GetTotals")]
    Task<HomeserverTotals> GetTotals();

    [ReadOnly, Alias("ListDisabledUsers")]
    Task<IReadOnlyList<string>> ListDisabledUsers();

    /// <summary>Up to <paramref name="limit"/> tokens in <paramref name="state"/> after <paramref name="after"/>, in token order.</summary>
    [ReadOnly, Alias("ListSignupTokens")]
    Task<SignupTokenPage> ListSignupTokens(SignupTokenListState state, string? after, int limit);

    /// <summary>Up to <paramref name="limit"/> users whose record points elsewhere, after the user key <paramref name="after"/>, in key order.</summary>
    [ReadOnly, Alias("ListDepartedUsers")]
    Task<DepartedUserPage> ListDepartedUsers(string? after, int limit);
}
