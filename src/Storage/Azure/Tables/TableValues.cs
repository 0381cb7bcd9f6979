using System.Text.Json;
using Azure.Data.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Tables;

/// <summary>
/// Conversions between port types and entity properties. Times are microseconds since the Unix epoch (as in the
/// embedded profile), so round trips agree across profiles; a null is an absent property.
/// </summary>
internal static class TableValues
{
    public const string QuotaMb = "QuotaMb";
    public const string QuotaUnlimited = "QuotaUnlimited";
    public const string AllowedWritePaths = "AllowedWritePaths";
    public const string RateRead = "RateRead";
    public const string RateWrite = "RateWrite";

    public static long ToMicros(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);

    /// <summary>Row keys of numbered rows: fixed width, so ordinal order is numeric order.</summary>
    public static string Number(long value) => value.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    public static void SetQuota(TableEntity entity, QuotaRecord quota)
    {
        SetOrRemove(entity, QuotaMb, quota.StorageQuotaMb);
        entity[QuotaUnlimited] = quota.Unlimited;
        SetOrRemove(
            entity,
            AllowedWritePaths,
            quota.AllowedWritePaths is null ? null : JsonSerializer.Serialize(quota.AllowedWritePaths.ToArray()));
        SetOrRemove(entity, RateRead, quota.RateRead);
        SetOrRemove(entity, RateWrite, quota.RateWrite);
    }

    /// <summary>Stores <paramref name="value"/>, or leaves the property out when it is null (tables have no nulls).</summary>
    public static void SetOrRemove(TableEntity entity, string property, object? value)
    {
        if (value is null)
        {
            entity.Remove(property);
        }
        else
        {
            entity[property] = value;
        }
    }

    public static QuotaRecord GetQuota(TableEntity entity) =>
        new(
            entity.GetInt64(QuotaMb),
            entity.GetBoolean(QuotaUnlimited) ?? false,
            entity.GetString(AllowedWritePaths) is { } paths ? JsonSerializer.Deserialize<string[]>(paths) : null,
            entity.GetString(RateRead),
            entity.GetString(RateWrite));

    public static long GetRequiredInt64(TableEntity entity, string property) =>
        entity.GetInt64(property) ?? throw new InvalidDataException($"The row {entity.PartitionKey}/{entity.RowKey} lacks {property}.");

    public static string GetRequiredString(TableEntity entity, string property) =>
        entity.GetString(property) ?? throw new InvalidDataException($"The row {entity.PartitionKey}/{entity.RowKey} lacks {property}.");

    public static DateTimeOffset? GetNullableMicros(TableEntity entity, string property) =>
        entity.GetInt64(property) is { } micros ? FromMicros(micros) : null;
}
