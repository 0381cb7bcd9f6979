namespace PubkyCluster.Grains.Users;

/// <summary>A session just made by signup or signin: the secret goes into the cookie, once; only its hash is kept.</summary>
[GenerateSerializer, Immutable, Alias("pubky.SessionGrant")]
public sealed record SessionGrant(
    [property: Id(0)] Refusal Refusal,
    [property: Id(1)] string? Secret,
    [property: Id(2)] string Capabilities,
    [property: Id(3)] ulong CreatedAtMicros)
{
    public static SessionGrant Refused(Refusal refusal) => new(refusal, null, "", 0);
}
