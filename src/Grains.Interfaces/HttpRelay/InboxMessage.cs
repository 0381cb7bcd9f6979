namespace PubkyCluster.Grains.HttpRelay;

/// <summary>What a POST to <c>/inbox/{id}</c> left: its body (at most HttpRelay:InboxMaxBodyBytes) and its Content-Type, if any.</summary>
[GenerateSerializer, Immutable, Alias("pubky.InboxMessage")]
public sealed record InboxMessage(
    [property: Id(0)] byte[] Body,
    [property: Id(1)] string? ContentType);
