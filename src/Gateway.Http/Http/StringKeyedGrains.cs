namespace PubkyCluster.Gateway.Http;

/// <summary>
/// References to string-keyed grains without Orleans' per-call interface lookup: <c>GetGrain&lt;T&gt;(key)</c> resolves
/// the interface through attribute reflection on every call (about 5 % of a GET's CPU in a profile, bench/README.md),
/// so the grain type and the interface type are resolved once and each reference is made from them.
/// </summary>
public class StringKeyedGrains<TGrain>
    where TGrain : IGrainWithStringKey
{
    private readonly IGrainFactory _grains;
    private readonly GrainType _grainType;
    private readonly GrainInterfaceType _interfaceType;

    public StringKeyedGrains(IGrainFactory grains)
    {
        _grains = grains;
        var sample = (GrainReference)(object)grains.GetGrain<TGrain>(typeof(TGrain).Name);
        _grainType = sample.GrainId.Type;
        _interfaceType = sample.InterfaceType;
    }

    /// <summary>The grain keyed <paramref name="key"/>.</summary>
    public TGrain For(string key) => (TGrain)_grains.GetGrain(GrainId.Create(_grainType, key), _interfaceType);
}
