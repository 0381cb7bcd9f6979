using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Http;

/// <summary>User grains, keyed by the user's z-base-32 public key.</summary>
public sealed class UserGrains(IGrainFactory grains) : StringKeyedGrains<IUserGrain>(grains);
