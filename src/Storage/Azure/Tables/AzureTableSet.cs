using Azure.Data.Tables;

namespace PubkyCluster.Storage.Azure.Tables;

/// <summary>
/// The tables of one deployment, named <c>{prefix}{suffix}</c>. Each is created when first needed (or when the silo
/// starts, for grain state); creation runs once per instance and is retried after a failure.
/// </summary>
public sealed class AzureTableSet
{
    /// <summary>A longest suffix (events, tokens, grains and depart all have six letters), which bounds the prefix length (table names are at most 63 characters).</summary>
    internal const string LongestSuffix = "events";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    public AzureTableSet(TableServiceClient service, string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Users = service.GetTableClient(prefix + "users");
        Events = service.GetTableClient(prefix + "events");
        SignupTokens = service.GetTableClient(prefix + "tokens");
        GrainState = service.GetTableClient(prefix + "grains");
        Departures = service.GetTableClient(prefix + "depart");
    }

    /// <summary>Users, their entries, body references, outbox rows and per-user event index, one partition per user.</summary>
    public TableClient Users { get; }

    /// <summary>The global event log, its sequence row and its publication markers, in one partition.</summary>
    public TableClient Events { get; }

    public TableClient SignupTokens { get; }

    public TableClient GrainState { get; }

    /// <summary>Users whose record points at another homeserver, one partition in user order (layout: <c>AzureUserStore.Departures.cs</c>).</summary>
    public TableClient Departures { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_created)
            {
                return;
            }

            foreach (var table in new[] { Users, Events, SignupTokens, GrainState, Departures })
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
            }

            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
