using System.Diagnostics.Metrics;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Hosting.Metrics;

/// <summary>
/// The reference homeserver's instruments (meter <c>pubky_homeserver</c>), under the names its dashboards and e2e tests
/// expect. No units are declared on purpose: the Prometheus exporter would append a unit suffix to names that already
/// end in <c>_ms</c>.
/// </summary>
public sealed class HomeserverMetrics : IPkarrRepublishMetrics
{
    public const string MeterName = "pubky_homeserver";

    private static readonly double[] ConnectionDurationBucketsMs = [10, 100, 1_000, 10_000, 100_000];

    private readonly Histogram<double> _eventsQueryDuration;
    private readonly Histogram<double> _eventStreamQueryDuration;
    private readonly UpDownCounter<long> _eventStreamActiveConnections;
    private readonly Histogram<double> _eventStreamConnectionDuration;
    private readonly Counter<long> _eventStreamBroadcastLagged;
    private readonly Counter<long> _signups;
    private readonly Counter<long> _republishPublished;
    private readonly Counter<long> _republishSkipped;
    private readonly Counter<long> _republishMissing;
    private readonly Counter<long> _republishFailed;
    private readonly Counter<long> _boundRefusals;
    private readonly Counter<long> _throttled;

    public HomeserverMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _eventsQueryDuration = meter.CreateHistogram<double>(
            "events_db_query_duration_ms", description: "Time spent reading one /events/ page from the event store, in milliseconds");
        _eventStreamQueryDuration = meter.CreateHistogram<double>(
            "event_stream_db_query_duration_ms",
            description: "Time spent reading one history batch for /events-stream from the event store, in milliseconds");
        _eventStreamActiveConnections = meter.CreateUpDownCounter<long>(
            "event_stream_active_connections", description: "Open /events-stream connections");
        _eventStreamConnectionDuration = meter.CreateHistogram<double>(
            "event_stream_connection_duration_ms",
            unit: null,
            description: "How long /events-stream connections stayed open, in milliseconds",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ConnectionDurationBucketsMs });
        _eventStreamBroadcastLagged = meter.CreateCounter<long>(
            "event_stream_broadcast_lagged_count", description: "Live events an /events-stream subscriber fell too far behind to receive");
        _signups = meter.CreateCounter<long>("signup_count", description: "Users signed up");
        _republishPublished = meter.CreateCounter<long>(
            "pkarr_republish_published", description: "User records put back on the DHT by the republisher");
        _republishSkipped = meter.CreateCounter<long>(
            "pkarr_republish_skipped", description: "Users not republished because their record points at another homeserver");
        _republishMissing = meter.CreateCounter<long>(
            "pkarr_republish_missing", description: "Users with no record on the DHT or held by this homeserver");
        _republishFailed = meter.CreateCounter<long>(
            "pkarr_republish_failed", description: "User records the republisher could not get onto enough DHT nodes");
        _boundRefusals = meter.CreateCounter<long>(
            "resource_bound_refusals", description: "Requests refused because a bound on open connections or admin password failures was reached");
        _throttled = meter.CreateCounter<long>(
            "bandwidth_throttled_requests", description: "Uploads and downloads slowed down by a bandwidth quota");
    }

    public void RecordEventsQuery(TimeSpan duration) => _eventsQueryDuration.Record(duration.TotalMilliseconds);

    public void RecordEventStreamQuery(TimeSpan duration) => _eventStreamQueryDuration.Record(duration.TotalMilliseconds);

    public void StreamOpened() => _eventStreamActiveConnections.Add(1);

    /// <summary>Call once per <see cref="StreamOpened"/>, with how long the stream was open.</summary>
    public void StreamClosed(TimeSpan lifetime)
    {
        _eventStreamActiveConnections.Add(-1);
        _eventStreamConnectionDuration.Record(lifetime.TotalMilliseconds);
    }

    /// <summary>A subscriber missed <paramref name="skippedEvents"/> live events because it could not keep up.</summary>
    public void StreamLagged(long skippedEvents = 1) => _eventStreamBroadcastLagged.Add(skippedEvents);

    public void SignedUp() => _signups.Add(1);

    /// <summary>Adds one republish pass's counts.</summary>
    public void RecordUserRepublish(RepublishCounts counts)
    {
        _republishPublished.Add(counts.Published);
        _republishSkipped.Add(counts.Skipped);
        _republishMissing.Add(counts.Missing);
        _republishFailed.Add(counts.Failed);
    }

    /// <summary>A request was refused by the bound on <paramref name="resource"/> (event_streams, link_waits, admin_failures).</summary>
    public void BoundRefused(string resource) => _boundRefusals.Add(1, new KeyValuePair<string, object?>("resource", resource));

    /// <summary>A request had to wait for its bandwidth quota (direction read or write); counted once per request.</summary>
    public void Throttled(string direction) => _throttled.Add(1, new KeyValuePair<string, object?>("direction", direction));
}
