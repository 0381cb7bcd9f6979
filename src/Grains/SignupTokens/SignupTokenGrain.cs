using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.SignupTokens;

/// <summary>
/// One signup token. Claims for the same token queue on this activation, and the store's conditional claim makes
/// the answer exact even if a second activation existed briefly.
/// </summary>
public sealed class SignupTokenGrain(ISignupTokenStore store, TimeProvider clock) : Grain, ISignupTokenGrain
{
    private string Token => this.GetPrimaryKeyString();

    public Task Create(UserQuota quota) => store.CreateAsync(Token, quota.ToRecord(), clock.GetUtcNow());

    public async Task<(Refusal Refusal, UserQuota Quota)> Claim(string user)
    {
        var record = await store.GetAsync(Token);
        if (record is null)
        {
            return (Refusal.SignupTokenInvalid, UserQuota.Default);
        }
        if (record.UsedBy is not null || !await store.TryClaimAsync(Token, user, clock.GetUtcNow()))
        {
            return (Refusal.SignupTokenAlreadyUsed, UserQuota.Default);
        }
        return (Refusal.None, record.Quota.ToView());
    }

    public async Task<SignupTokenView?> Get() => (await store.GetAsync(Token))?.ToView();
}
