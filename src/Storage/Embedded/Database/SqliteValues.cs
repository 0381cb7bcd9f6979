using System.Text.Json;
using Microsoft.Data.Sqlite;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Database;

/// <summary>Conversions between port types and the column representations of <see cref="EmbeddedSchema"/>.</summary>
internal static class SqliteValues
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    /// <summary>Microseconds since the Unix epoch; sub-microsecond ticks are dropped.</summary>
    public static long ToMicros(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TicksPerMicrosecond);

    /// <summary>Adds a parameter, mapping null to SQL NULL.</summary>
    public static void Bind(this SqliteParameterCollection parameters, string name, object? value) =>
        parameters.AddWithValue(name, value ?? DBNull.Value);

    /// <summary>Binds the three quota columns as $quota_mb, $quota_unlimited and $allowed_write_paths.</summary>
    public static void BindQuota(this SqliteParameterCollection parameters, QuotaRecord quota)
    {
        parameters.Bind("$quota_mb", quota.StorageQuotaMb);
        parameters.Bind("$quota_unlimited", quota.Unlimited);
        parameters.Bind(
            "$allowed_write_paths",
            quota.AllowedWritePaths is null ? null : JsonSerializer.Serialize(quota.AllowedWritePaths.ToArray()));
    }

    /// <summary>Reads the quota stored by <see cref="BindQuota"/> from three consecutive columns.</summary>
    public static QuotaRecord GetQuota(this SqliteDataReader reader, int firstOrdinal)
    {
        long? megabytes = reader.IsDBNull(firstOrdinal) ? null : reader.GetInt64(firstOrdinal);
        var unlimited = reader.GetBoolean(firstOrdinal + 1);
        IReadOnlyList<string>? paths = reader.IsDBNull(firstOrdinal + 2)
            ? null
            : JsonSerializer.Deserialize<string[]>(reader.GetString(firstOrdinal + 2));
        return new QuotaRecord(megabytes, unlimited, paths);
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? GetNullableMicros(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromMicros(reader.GetInt64(ordinal));

    public static byte[]? GetNullableBytes(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);
}
