using Orleans.Concurrency;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Operators;

/// <summary>Answers from the stores on whichever silo takes the call; the gateway never reads the user store itself.</summary>
[StatelessWorker]
public sealed class HomeserverTotalsGrain(IUserStore users, ISignupTokenStore signupTokens) : Grain, IHomeserverTotalsGrain
{
    public async Task<HomeserverTotals> GetTotals()
    {
        var totals = await users.GetTotalsAsync();
        var (tokens, unused) = await signupTokens.CountAsync();
        return new HomeserverTotals(totals.Users, totals.DisabledUsers, totals.UsedBytes, tokens, unused);
    }

    public Task<IReadOnlyList<string>> ListDisabledUsers() => users.ListDisabledUsersAsync();
}
