using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// What <see cref="UserRecord.Version"/> and <see cref="CommitReceipt.Version"/> carry in this store: the user row's
/// ETag and the counters a commit moves, as the row holds them. With a current version a commit writes the row without
/// reading it first, conditional on the ETag. Callers treat the text as opaque.
/// </summary>
internal sealed record UserVersion(ETag ETag, long Commits, long UsedBytes, long FileCount)
{
    private const char Separator = '.';

    public static UserVersion Of(TableEntity userRow) =>
        new(
            userRow.ETag,
            userRow.GetInt64(UserRows.Commits) ?? 0,
            TableValues.GetRequiredInt64(userRow, UserRows.UsedBytes),
            TableValues.GetRequiredInt64(userRow, UserRows.FileCount));

    /// <summary>The version, or null when <paramref name="text"/> is not one this store wrote.</summary>
    public static UserVersion? TryParse(string text)
    {
        // The ETag goes last: it is the only part that may hold the separator.
        var parts = text.Split(Separator, 4);
        return parts.Length == 4
            && TryParseNumber(parts[0], out var commits)
            && TryParseNumber(parts[1], out var usedBytes)
            && TryParseNumber(parts[2], out var fileCount)
            && parts[3].Length > 0
                ? new UserVersion(new ETag(parts[3]), commits, usedBytes, fileCount)
                : null;
    }

    public string Format() =>
        string.Join(
            Separator,
            Commits.ToString(CultureInfo.InvariantCulture),
            UsedBytes.ToString(CultureInfo.InvariantCulture),
            FileCount.ToString(CultureInfo.InvariantCulture),
            ETag.ToString());

    private static bool TryParseNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
