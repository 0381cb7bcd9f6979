using PubkyCluster.Grains.Events;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Users;

/// <summary>Between the storage ports' own records and the grains' wire types; the two evolve independently.</summary>
internal static class StoreRecords
{
    public static EntryView ToView(this EntryRecord entry, string path) => new(
        path, entry.BlobId, entry.ContentHash, entry.ContentLength, entry.ContentType, entry.CreatedAt, entry.ModifiedAt);

    public static EventView ToView(this EventRecord e) => new(e.Id, e.User, e.IsDelete, e.Path, e.ContentHash, e.CreatedAtMicros);

    public static UserQuota ToView(this QuotaRecord quota) => new(
        quota.StorageQuotaMb, quota.Unlimited, quota.AllowedWritePaths, RateOverride.FromText(quota.RateRead), RateOverride.FromText(quota.RateWrite));

    public static QuotaRecord ToRecord(this UserQuota quota) => new(
        quota.StorageQuotaMb, quota.Unlimited, quota.AllowedWritePaths, quota.RateRead?.ToString(), quota.RateWrite?.ToString());
}
