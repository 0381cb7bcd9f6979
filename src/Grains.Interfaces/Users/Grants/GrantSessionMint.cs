namespace PubkyCluster.Grains.Users.Grants;

/// <summary>The answer to a grant exchange: a fresh bearer (handed out once; only its hash is kept) and its session.</summary>
[GenerateSerializer, Immutable, Alias("pubky.GrantSessionMint")]
public sealed record GrantSessionMint(
    [property: Id(0)] Refusal Refusal,
    [property: Id(1)] string? Bearer,
    [property: Id(2)] GrantSessionView? Session)
{
    public static GrantSessionMint Refused(Refusal refusal) => new(refusal, null, null);
}
