using Pubky.Protocol.Quotas;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// The answer to a file read: a refusal, or the entry (null when no file is at the path). <see cref="ByOwner"/> says
/// the read carried a session of this user, whose read rate is then <see cref="OwnerRate"/> (null = unlimited); any
/// other read is throttled by the reader's address instead.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.ReadOutcome")]
public sealed record ReadOutcome(
    [property: Id(0)] Refusal Refusal,
    [property: Id(1)] EntryView? Entry,
    [property: Id(2)] bool ByOwner = false,
    [property: Id(3)] Bandwidth? OwnerRate = null);
