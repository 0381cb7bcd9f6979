using Orleans.Concurrency;

using PubkyCluster.Grains.Users;

namespace PubkyCluster.Grains.SignupTokens;

/// <summary>One signup token, keyed by its text. Claiming is exact across the cluster: a token signs up one user.</summary>
[Alias("pubky.ISignupTokenGrain")]
public interface ISignupTokenGrain : IGrainWithStringKey
{
    /// <summary>Records a newly generated token with the quota its user will get.</summary>
    [Alias("Create")]
    Task Create(UserQuota quota);

    /// <summary>None when claimed now by <paramref name="user"/>; SignupTokenInvalid or SignupTokenAlreadyUsed otherwise.</summary>
    [Alias("Claim")]
    Task<(Refusal Refusal, UserQuota Quota)> Claim(string user);

    [ReadOnly, AlwaysInterleave, Alias("Get")]
    Task<SignupTokenView?> Get();
}
