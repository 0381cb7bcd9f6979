namespace PubkyCluster.Grains.Users;

/// <summary>How stored files count against a quota, as the reference counts them.</summary>
public static class StorageAccounting
{
    /// <summary>Fixed metadata cost of every file, so an empty file still costs something.</summary>
    public const long EntryOverheadBytes = 256;

    public const long BytesPerMb = 1024 * 1024;
}
