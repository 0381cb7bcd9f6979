namespace PubkyCluster.Grains.Operators;

/// <summary>One page of the admin listing of departed users; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("pubky.DepartedUserPage")]
public sealed record DepartedUserPage(
    [property: Id(0)] IReadOnlyList<DepartedUserView> Items,
    [property: Id(1)] string? NextCursor);
