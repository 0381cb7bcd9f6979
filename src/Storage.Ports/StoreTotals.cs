namespace PubkyCluster.Storage.Ports;

/// <summary>Counts for the admin /info route.</summary>
public sealed record StoreTotals(long Users, long DisabledUsers, long UsedBytes);
