using Orleans.Concurrency;
using PubkyCluster.Grains.SignupTokens;
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

    public async Task<SignupTokenPage> ListSignupTokens(SignupTokenListState state, string? after, int limit)
    {
        // One token more than the page tells whether another page follows, without a count.
        var records = await signupTokens.ListAsync(ToStoreState(state), after, limit + 1);
        var items = records.Take(limit).Select(record => record.ToView()).ToList();
        return new SignupTokenPage(items, records.Count > limit ? items[^1].Token : null);
    }

    public async Task<DepartedUserPage> ListDepartedUsers(string? after, int limit)
    {
        // As for tokens: one more than the page tells whether another follows.
        var records = await users.ListDeparturesAsync(after, limit + 1);
        var items = records.Take(limit)
            .Select(d => new DepartedUserView(d.User, d.Homeserver, d.FirstSeen, d.LastSeen, d.UsedBytes, d.FileCount))
            .ToList();
        return new DepartedUserPage(items, records.Count > limit ? items[^1].User : null);
    }

    private static SignupTokenState ToStoreState(SignupTokenListState state) => state switch
    {
        SignupTokenListState.Used => SignupTokenState.Used,
        SignupTokenListState.Unused => SignupTokenState.Unused,
        _ => SignupTokenState.All,
    };
}
