using Microsoft.Data.Sqlite;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Embedded;

/// <summary>
/// The cost of a listing page does not grow with the directory: counted in SQL commands and shown by the query plan,
/// never by timing.
/// </summary>
public sealed class SqliteListingCostTests(TempDirectory directory) : IClassFixture<TempDirectory>, IAsyncLifetime
{
    private const string User = "bulkuser";
    private readonly EmbeddedDatabase _database = new(directory.For(Guid.NewGuid().ToString("N")));

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using var connection = new SqliteConnection($"Data Source={_database.FilePath}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO entries (user_key, path, blob_id, content_hash, content_length, content_type, created_at, modified_at)
            VALUES ($user, $path, $path, x'00', 1, 'text/plain', 0, 0)
            """;
        insert.Parameters.AddWithValue("$user", User);
        var path = insert.Parameters.Add("$path", SqliteType.Text);
        for (var i = 0; i < 10_000; i++)
        {
            path.Value = $"/pub/nested/d{i / 100:D3}/f{i % 100:D3}";
            await insert.ExecuteNonQueryAsync();
            path.Value = $"/pub/flat/f{i:D5}";
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("/pub/nested/", false, false)]
    [InlineData("/pub/nested/", false, true)]
    [InlineData("/pub/flat/", false, false)]
    [InlineData("/pub/flat/", false, true)]
    [InlineData("/pub/nested/", true, false)]
    [InlineData("/pub/nested/", true, true)]
    [InlineData("/pub/flat/", true, false)]
    [InlineData("/pub/flat/", true, true)]
    public async Task A_page_of_ten_from_ten_thousand_entries_costs_at_most_ten_commands(string listed, bool shallow, bool reverse)
    {
        var store = new SqliteUserStore(_database);
        var cursor = listed == "/pub/nested/" ? "/pub/nested/d050/f007" : "/pub/flat/f05000";
        var before = _database.CommandCount;

        var page = await store.ListAsync(User, new ListQuery(P(listed), cursor, 10, reverse, shallow));

        Assert.Equal(10, page.Count);
        Assert.InRange(_database.CommandCount - before, 1, 10);
    }

    [Fact]
    public async Task A_shallow_page_skips_whole_subdirectories()
    {
        var store = new SqliteUserStore(_database);

        var page = await store.ListAsync(User, new ListQuery(P("/pub/nested/"), "/pub/nested/d050/f007", 3, false, true));

        Assert.Equal(["/pub/nested/d051/", "/pub/nested/d052/", "/pub/nested/d053/"], page);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_forward_seek_is_a_primary_key_range_without_sorting(bool inclusive)
    {
        var plan = await ExplainAsync(SqliteUserStore.ForwardSeekSql(inclusive));

        Assert.Contains("SEARCH entries USING PRIMARY KEY", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backward_seek_is_a_primary_key_range_without_sorting()
    {
        var plan = await ExplainAsync(SqliteUserStore.BackwardSeekSql);

        Assert.Contains("SEARCH entries USING PRIMARY KEY", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    private async Task<string> ExplainAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database.FilePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$user", "$lower", "$upper", "$directory" })
        {
            command.Parameters.AddWithValue(name, "/pub/");
        }

        command.Parameters.AddWithValue("$limit", 10);
        var details = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(3));
        }

        return string.Join("\n", details);
    }
}
