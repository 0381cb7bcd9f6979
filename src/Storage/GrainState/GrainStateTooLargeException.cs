namespace PubkyCluster.Storage.GrainState;

/// <summary>
/// A grain's serialized state exceeded <see cref="GrainStateLimits.MaxStateBytes"/>. Grain state must stay small
/// (growing data belongs in the stores); <see cref="GrainStateSerializer"/> throws this in every profile.
/// </summary>
public sealed class GrainStateTooLargeException(string message) : Exception(message);
