using System.Collections.Concurrent;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Grains.Tests.Pkarr;

public sealed class RecordingMetrics : IPkarrRepublishMetrics
{
    public ConcurrentQueue<RepublishCounts> Passes { get; } = new();

    public void RecordUserRepublish(RepublishCounts counts) => Passes.Enqueue(counts);
}
