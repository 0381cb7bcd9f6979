using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Http;

/// <summary>
/// References to user grains without Orleans' per-call interface lookup: <c>GetGrain&lt;IUserGrain&gt;(key)</c> resolves
/// the interface through attribute reflection on every call (about 5 % of a GET's CPU in a profile, bench/README.md),
/// so the grain type and the interface type are resolved once and each reference is made from them.
/// </summary>
public sealed class UserGrains
{
    private readonly IGrainFactory _grains;
    private readonly GrainType _grainType;
    private readonly GrainInterfaceType _interfaceType;

    public UserGrains(IGrainFactory grains)
    {
        _grains = grains;
        var sample = (GrainReference)grains.GetGrain<IUserGrain>(nameof(UserGrains));
        _grainType = sample.GrainId.Type;
        _interfaceType = sample.InterfaceType;
    }

    /// <summary>The grain of the user whose z-base-32 public key is <paramref name="z32"/>.</summary>
    public IUserGrain For(string z32) => (IUserGrain)_grains.GetGrain(GrainId.Create(_grainType, z32), _interfaceType);
}
