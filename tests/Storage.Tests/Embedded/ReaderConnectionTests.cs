using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Embedded;

/// <summary>Reads keep their connections and prepared statements between calls (<c>ReaderConnections</c>).</summary>
public sealed class ReaderConnectionTests(TempDirectory directory) : IClassFixture<TempDirectory>, IAsyncLifetime
{
    private readonly EmbeddedDatabase _database = new(directory.For(Guid.NewGuid().ToString("N")));

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Reads_one_after_another_share_one_connection()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i, await EchoAsync(i));
        }

        Assert.Equal(1, _database.ReaderConnectionsOpened);
    }

    [Fact]
    public async Task A_kept_statement_reads_each_call_its_own_parameters()
    {
        Assert.Equal(1, await EchoAsync(1));
        Assert.Equal(2, await EchoAsync(2));
        Assert.Equal(1, _database.ReaderConnectionsOpened);
    }

    [Fact]
    public async Task A_read_that_throws_closes_its_connection_and_the_next_read_opens_another()
    {
        Assert.Equal(1, await EchoAsync(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.ReadAsync<long>(
            (_, _) => throw new InvalidOperationException("the read's own failure"), CancellationToken.None));

        Assert.Equal(2, await EchoAsync(2));
        Assert.Equal(2, _database.ReaderConnectionsOpened);
    }

    [Fact]
    public async Task After_a_burst_of_parallel_reads_exactly_the_capacity_stays_open_for_reuse()
    {
        var burst = 3 * ReaderConnections.Capacity;
        await ParallelReadsAsync(burst);
        Assert.Equal(burst, _database.ReaderConnectionsOpened);

        // The capacity's worth is reused; one more read at the same time needs a connection of its own.
        await ParallelReadsAsync(ReaderConnections.Capacity + 1);

        Assert.Equal(burst + 1, _database.ReaderConnectionsOpened);
    }

    [Fact]
    public async Task A_closed_database_closes_its_kept_readers_and_refuses_reads()
    {
        Assert.Equal(1, await EchoAsync(1));

        await _database.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => EchoAsync(2));
    }

    /// <summary>Runs <paramref name="count"/> reads that each hold their connection until all of them hold one.</summary>
    private async Task ParallelReadsAsync(int count)
    {
        var entered = 0;
        var allEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = Enumerable.Range(0, count).Select(i => _database.ReadAsync(
            async (connection, token) =>
            {
                if (Interlocked.Increment(ref entered) == count)
                {
                    allEntered.SetResult();
                }
                await allEntered.Task;
                using var command = _database.Command(connection, "SELECT $value");
                command.Parameters.AddWithValue("$value", i);
                return Convert.ToInt64(await command.ExecuteScalarAsync(token));
            },
            CancellationToken.None)).ToList();

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), await Task.WhenAll(reads).WaitAsync(TimeSpan.FromMinutes(1)));
    }

    private Task<long> EchoAsync(long value) => _database.ReadAsync(
        async (connection, token) =>
        {
            using var command = _database.Command(connection, "SELECT $value");
            command.Parameters.AddWithValue("$value", value);
            return Convert.ToInt64(await command.ExecuteScalarAsync(token));
        },
        CancellationToken.None);
}
