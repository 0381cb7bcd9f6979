namespace PubkyCluster.Storage.GrainState;

/// <summary>
/// A grain's serialized state exceeded <see cref="GrainStateLimits.MaxStateBytes"/>. Grain state must stay small
/// (growing data belongs in the stores); every adapter throws this, so the behaviour is the same in each profile.
/// </summary>
public sealed class GrainStateTooLargeException(string message) : Exception(message);
