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

    /// <summary>The quota columns, as <see cref="GetQuota"/> reads them and <see cref="QuotaParameters"/> binds them.</summary>
    public const string QuotaColumns = "quota_mb, quota_unlimited, allowed_write_paths, rate_read, rate_write";

    public const string QuotaParameters = "$quota_mb, $quota_unlimited, $allowed_write_paths, $rate_read, $rate_write";

    /// <summary>Adds a parameter, mapping null to SQL NULL.</summary>
    public static void Bind(this SqliteParameterCollection parameters, string name, object? value) =>
        parameters.AddWithValue(name, value ?? DBNull.Value);

    /// <summary>Binds the quota columns as $quota_mb, $quota_unlimited, $allowed_write_paths, $rate_read and $rate_write.</summary>
    public static void BindQuota(this SqliteParameterCollection parameters, QuotaRecord quota)
    {
        parameters.Bind("$quota_mb", quota.StorageQuotaMb);
        parameters.Bind("$quota_unlimited", quota.Unlimited);
        parameters.Bind(
            "$allowed_write_paths",
            quota.AllowedWritePaths is null ? null : JsonSerializer.Serialize(quota.AllowedWritePaths.ToArray()));
        parameters.Bind("$rate_read", quota.RateRead);
        parameters.Bind("$rate_write", quota.RateWrite);
    }

    /// <summary>Reads the quota stored by <see cref="BindQuota"/> from five consecutive columns, in <see cref="QuotaColumns"/> order.</summary>
    public static QuotaRecord GetQuota(this SqliteDataReader reader, int firstOrdinal)
    {
        long? megabytes = reader.IsDBNull(firstOrdinal) ? null : reader.GetInt64(firstOrdinal);
        var unlimited = reader.GetBoolean(firstOrdinal + 1);
        IReadOnlyList<string>? paths = reader.IsDBNull(firstOrdinal + 2)
            ? null
            : JsonSerializer.Deserialize<string[]>(reader.GetString(firstOrdinal + 2));
        return new QuotaRecord(megabytes, unlimited, paths, reader.GetNullableString(firstOrdinal + 3), reader.GetNullableString(firstOrdinal + 4));
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? GetNullableMicros(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromMicros(reader.GetInt64(ordinal));

    public static byte[]? GetNullableBytes(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);
}
