using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using PubkyCluster.Storage.Azure;
using PubkyCluster.Storage.GrainState;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>
/// The contract against Orleans' own Azure Table grain storage, registered through <c>AddPubkyAzureGrainStorage</c>
/// and started as a silo starts it, on Azurite; then what is particular to that provider.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureGrainStorageTests(AzuriteFixture azurite) : GrainStorageContract
{
    private const string ServiceId = "pubkytest";

    protected override async Task<OpenedStore<IGrainStorage>> OpenAsync(string name)
    {
        var silo = await StartAsync(name);
        return new OpenedStore<IGrainStorage>(silo.Storage, silo);
    }

    [AzuriteFact]
    public async Task The_provider_is_orleans_azure_table_grain_storage_configured_from_the_azure_options()
    {
        var name = NewName();
        await using var silo = await StartAsync(name);

        var options = silo.Services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(StorageNames.GrainState);

        Assert.IsType<AzureTableGrainStorage>(silo.Storage);
        Assert.Equal(AzureStores.Tables(azurite, name).GrainState.Name, options.TableName);
        Assert.IsType<GrainStateSerializer>(options.GrainStorageSerializer);
        Assert.True(options.DeleteStateOnClear);
        Assert.False(options.UseStringFormat);
        // What the silo checks at start: a client is configured and the table name is valid.
        Assert.Single(silo.Services.GetServices<IConfigurationValidator>().OfType<AzureTableGrainStorageOptionsValidator>())
            .ValidateConfiguration();
    }

    [AzuriteFact]
    public async Task A_grain_of_a_real_silo_keeps_its_state_across_a_silo_restart()
    {
        var prefix = Prefix(NewName());
        var user = "user" + Guid.NewGuid().ToString("N");

        Assert.Equal(1, await IncrementInFreshSiloAsync(prefix, user));
        Assert.Equal(2, await IncrementInFreshSiloAsync(prefix, user));
    }

    [AzuriteFact]
    public async Task Starting_the_silo_creates_the_table_named_after_the_prefix()
    {
        var name = NewName();
        var table = AzureStores.Tables(azurite, name).GrainState.Name;

        await using var silo = await StartAsync(name);

        var found = new List<string>();
        await foreach (var item in new TableServiceClient(azurite.ConnectionString).QueryAsync(TableServiceClient.CreateQueryFilter($"TableName eq {table}")))
        {
            found.Add(item.Name);
        }

        Assert.Equal([table], found);
    }

    [AzuriteFact]
    public async Task A_row_is_keyed_by_service_and_grain_and_named_by_the_state()
    {
        var name = NewName();
        await using var silo = await StartAsync(name);
        var grain = GrainId.Create("user", "key" + Guid.NewGuid().ToString("N"));

        await silo.Storage.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Count = 5 }));

        var row = Assert.Single(await RowsAsync(name, $"{ServiceId}_user_{grain.Key}"));
        Assert.Equal("counter", row.RowKey);
        Assert.NotEmpty(Assert.IsType<byte[]>(row["Data"]));
    }

    [AzuriteFact]
    public async Task Replacing_a_large_state_with_a_small_one_drops_the_old_chunks()
    {
        var name = NewName();
        await using var silo = await StartAsync(name);
        var grain = GrainId.Create("user", "replace" + Guid.NewGuid().ToString("N"));
        var state = new GrainState<CounterState>(new CounterState { Payload = new byte[400 * 1024] });
        await silo.Storage.WriteStateAsync("counter", grain, state);

        state.State!.Payload = [];
        state.State.Count = 3;
        await silo.Storage.WriteStateAsync("counter", grain, state);

        var stored = Assert.Single(await RowsAsync(name, $"{ServiceId}_user_{grain.Key}"));
        Assert.Equal(["Data"], stored.Keys.Where(key => key.StartsWith("Data", StringComparison.Ordinal)));
        var read = new GrainState<CounterState>();
        await silo.Storage.ReadStateAsync("counter", grain, read);
        Assert.Equal(3, read.State!.Count);
        Assert.Empty(read.State.Payload);
    }

    [AzuriteFact]
    public async Task A_state_at_the_size_cap_round_trips_through_azurite()
    {
        await using var silo = await StartAsync(NewName());
        var grain = GrainId.Create("user", Guid.NewGuid().ToString("N"));
        // Leaves room for the serializer's framing of the other members.
        var state = new GrainState<CounterState>(new CounterState { Payload = new byte[GrainStateLimits.MaxStateBytes - 64] });

        await silo.Storage.WriteStateAsync("counter", grain, state);

        var read = new GrainState<CounterState>();
        await silo.Storage.ReadStateAsync("counter", grain, read);
        Assert.Equal(state.State!.Payload.Length, read.State!.Payload.Length);
    }

    // Unlike SQLite, which checks that no row exists: the provider returns without a call (AzureTableStorage.cs,
    // GrainStateTableDataManager.Delete). A grain that read nothing and clears is caught at its next write instead.
    [AzuriteFact]
    public async Task Clearing_without_an_etag_leaves_a_stored_state_in_place()
    {
        await using var silo = await StartAsync(NewName());
        var grain = GrainId.Create("user", Guid.NewGuid().ToString("N"));
        await silo.Storage.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Count = 1 }));
        var blind = new GrainState<CounterState>(new CounterState());

        await silo.Storage.ClearStateAsync("counter", grain, blind);

        var read = new GrainState<CounterState>();
        await silo.Storage.ReadStateAsync("counter", grain, read);
        Assert.Equal(1, read.State!.Count);
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => silo.Storage.WriteStateAsync("counter", grain, blind));
    }

    // The provider replaces '/', '\', '#' and '?' by '_' (AzureTableUtils.SanitizeTableProperty). User and PKARR grains
    // are keyed by z-base-32 public keys, which hold none of them.
    [AzuriteFact]
    public async Task Grain_keys_that_differ_only_in_a_character_table_keys_forbid_share_a_row()
    {
        await using var silo = await StartAsync(NewName());
        var key = Guid.NewGuid().ToString("N");
        await silo.Storage.WriteStateAsync("counter", GrainId.Create("user", key + "/a"), new GrainState<CounterState>(new CounterState { Count = 8 }));

        var read = new GrainState<CounterState>();
        await silo.Storage.ReadStateAsync("counter", GrainId.Create("user", key + "?a"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(8, read.State!.Count);
    }

    /// <summary>Starts a whole silo of the Azure profile (its validators and lifecycle included), calls the grain once and stops.</summary>
    private async Task<int> IncrementInFreshSiloAsync(string tablePrefix, string user)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort())
            .Configure<ClusterOptions>(options => options.ServiceId = ServiceId)
            .AddPubkyAzureGrainStorage(options =>
            {
                options.ConnectionString = azurite.ConnectionString;
                options.TablePrefix = tablePrefix;
            }));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            return await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>(user).IncrementAsync();
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<RegisteredGrainStorage> StartAsync(string name) =>
        RegisteredGrainStorage.StartAsync(azurite.ConnectionString, Prefix(name));

    /// <summary>The prefix <see cref="AzureStores.Tables"/> uses, so it names the same tables.</summary>
    private static string Prefix(string name) => "t" + name;

    private async Task<List<TableEntity>> RowsAsync(string name, string partitionKey)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in AzureStores.Tables(azurite, name).GrainState.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The grain storage exactly as a silo of the Azure profile registers it, started through the silo lifecycle,
    /// without the rest of a silo.
    /// </summary>
    private sealed class RegisteredGrainStorage : IAsyncDisposable
    {
        private readonly SiloLifecycleSubject _lifecycle = new(NullLogger<SiloLifecycleSubject>.Instance);

        private RegisteredGrainStorage(ServiceProvider services)
        {
            Services = services;
            Storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        }

        public ServiceProvider Services { get; }

        public IGrainStorage Storage { get; }

        public static async Task<RegisteredGrainStorage> StartAsync(string connectionString, string tablePrefix)
        {
            var services = new ServiceCollection();
            services.AddOrleans(silo => silo
                .Configure<ClusterOptions>(options => options.ServiceId = ServiceId)
                .AddPubkyAzureGrainStorage(options =>
                {
                    options.ConnectionString = connectionString;
                    options.TablePrefix = tablePrefix;
                }));
            services.AddSerializer(serializer => serializer.AddAssembly(typeof(CounterState).Assembly));
            var started = new RegisteredGrainStorage(services.BuildServiceProvider());
            ((ILifecycleParticipant<ISiloLifecycle>)started.Storage).Participate(started._lifecycle);
            await started._lifecycle.OnStart();
            return started;
        }

        public async ValueTask DisposeAsync()
        {
            await _lifecycle.OnStop();
            await Services.DisposeAsync();
        }
    }
}
