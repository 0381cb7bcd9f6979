namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>A small persisted state, serialized the way real grain state is ([Id]-numbered members).</summary>
[GenerateSerializer, Alias("pubky.tests.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public string Note { get; set; } = "";

    [Id(2)]
    public byte[] Payload { get; set; } = [];
}
