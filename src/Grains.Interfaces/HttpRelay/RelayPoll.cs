namespace PubkyCluster.Grains.HttpRelay;

[GenerateSerializer, Immutable, Alias("pubky.RelayPoll")]
public sealed record RelayPoll(
    [property: Id(0)] RelayPollStatus Status,
    [property: Id(1)] byte[]? Body);

public enum RelayPollStatus
{
    Pending,
    Delivered,
    Displaced,
}
