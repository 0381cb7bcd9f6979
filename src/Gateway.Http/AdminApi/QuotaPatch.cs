using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Pubky.Protocol.Paths;
using Pubky.Protocol.Quotas;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// A partial <see cref="UserQuota"/> from admin JSON (PATCH /users/{pubkey}/quota in pubky-core main's
/// pubky-homeserver/openapi-admin.yml): a field that is absent keeps its value; <c>null</c> resets
/// it (storage to the configured default, write paths to unrestricted); <c>storage_quota_mb</c> is a whole number of
/// MiB or <c>"unlimited"</c>; <c>allowed_write_paths</c> lists absolute path prefixes (<c>[]</c> = read-only);
/// <c>rate_read</c> and <c>rate_write</c> are a bandwidth (<c>"10mb/s"</c>) or <c>"unlimited"</c>. The reference's
/// burst fields are not enforced here (the bucket holds one period's worth), so they are refused rather than dropped.
/// </summary>
public sealed class QuotaPatch
{
    public const string StorageField = "storage_quota_mb";
    public const string WritePathsField = "allowed_write_paths";
    public const string RateReadField = "rate_read";
    public const string RateWriteField = "rate_write";
    public const string UnlimitedValue = "unlimited";

    /// <summary>Keeps a user's settings small (they live in grain state) while allowing any realistic app layout.</summary>
    public const int MaxWritePaths = 100;

    private const long MaxStorageQuotaMb = long.MaxValue / StorageAccounting.BytesPerMb;

    private (long? Mb, bool Unlimited)? _storage;
    private (IReadOnlyList<string>? Paths, bool Set) _writePaths;
    private (RateOverride? Rate, bool Set) _rateRead;
    private (RateOverride? Rate, bool Set) _rateWrite;

    public static QuotaPatch None { get; } = new();

    public UserQuota ApplyTo(UserQuota quota)
    {
        if (_storage is var (mb, unlimited))
        {
            quota = quota with { StorageQuotaMb = mb, Unlimited = unlimited };
        }
        if (_rateRead.Set)
        {
            quota = quota with { RateRead = _rateRead.Rate };
        }
        if (_rateWrite.Set)
        {
            quota = quota with { RateWrite = _rateWrite.Rate };
        }
        return _writePaths.Set ? quota with { AllowedWritePaths = _writePaths.Paths } : quota;
    }

    /// <summary>Reads a JSON object; <paramref name="error"/> says what is wrong for the 422 answer.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out QuotaPatch? patch, [NotNullWhen(false)] out string? error)
    {
        patch = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            error = $"Invalid JSON body: {e.Message}";
            return false;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "Invalid quota: expected a JSON object";
                return false;
            }
            var parsed = new QuotaPatch();
            foreach (var field in document.RootElement.EnumerateObject())
            {
                error = field.Name switch
                {
                    StorageField => parsed.ReadStorage(field.Value),
                    WritePathsField => parsed.ReadWritePaths(field.Value),
                    RateReadField => ReadRate(RateReadField, field.Value, out parsed._rateRead),
                    RateWriteField => ReadRate(RateWriteField, field.Value, out parsed._rateWrite),
                    _ => $"Invalid quota: unsupported field '{field.Name}' (supported: {StorageField}, {WritePathsField}, {RateReadField}, {RateWriteField})",
                };
                if (error is not null)
                {
                    return false;
                }
            }
            patch = parsed;
            error = null;
            return true;
        }
    }

    private string? ReadStorage(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                _storage = (null, false);
                return null;
            case JsonValueKind.String when value.ValueEquals(UnlimitedValue):
                _storage = (null, true);
                return null;
            case JsonValueKind.Number when value.TryGetInt64(out var mb) && mb is >= 0 and <= MaxStorageQuotaMb:
                _storage = (mb, false);
                return null;
            default:
                return $"Invalid quota: {StorageField} must be a whole number of MiB from 0 to {MaxStorageQuotaMb}, \"{UnlimitedValue}\" or null";
        }
    }

    /// <summary><c>null</c> resets to the configured default, <c>"unlimited"</c> lifts the limit, else a bandwidth.</summary>
    private static string? ReadRate(string field, JsonElement value, out (RateOverride? Rate, bool Set) rate)
    {
        rate = (null, true);
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String when value.ValueEquals(UnlimitedValue):
                rate = (RateOverride.Unlimited, true);
                return null;
            case JsonValueKind.String:
                if (!Bandwidth.TryParse(value.GetString(), out var bandwidth, out var reason))
                {
                    return $"Invalid quota: {field}: {reason}; or \"{UnlimitedValue}\" or null";
                }
                rate = (new RateOverride(bandwidth), true);
                return null;
            default:
                return $"Invalid quota: {field} must be a bandwidth such as \"10mb/s\", \"{UnlimitedValue}\" or null";
        }
    }

    private string? ReadWritePaths(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            _writePaths = (null, true);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            return $"Invalid quota: {WritePathsField} must be a list of absolute path prefixes or null";
        }
        if (value.GetArrayLength() > MaxWritePaths)
        {
            return $"Invalid quota: {WritePathsField} holds at most {MaxWritePaths} paths";
        }
        var paths = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return $"Invalid quota: every entry of {WritePathsField} must be a string";
            }
            // Writes are checked against normalized paths, so the prefixes are normalized the same way.
            if (!WebDavPath.TryParse(item.GetString(), out var path, out var reason))
            {
                return $"Invalid quota: '{item.GetString()}' in {WritePathsField} is not an absolute path: {reason}";
            }
            paths.Add(path.Value);
        }
        _writePaths = (paths, true);
        return null;
    }
}
