namespace PubkyCluster.Grains.Pkarr;

/// <summary>Where a republish pass reports its counts; the host maps them onto its metrics (grains never see the exporter).</summary>
public interface IPkarrRepublishMetrics
{
    void RecordUserRepublish(RepublishCounts counts);
}
