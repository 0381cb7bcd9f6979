namespace PubkyCluster.Grains.Users.Grants;

/// <summary>The user's active grants, or why the presented session may not list them.</summary>
[GenerateSerializer, Immutable, Alias("pubky.GrantList")]
public sealed record GrantList(
    [property: Id(0)] Refusal Refusal,
    [property: Id(1)] IReadOnlyList<GrantSummary> Grants);
