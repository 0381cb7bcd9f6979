using Microsoft.Extensions.Options;
using PubkyCluster.Storage.Azure.Tables;

namespace PubkyCluster.Storage.Azure;

/// <summary>
/// Fails the start on a missing connection string or on names Azure would refuse, instead of at the first request
/// (table names: 3 to 63 letters and digits starting with a letter; containers: 3 to 63 of [a-z0-9-]).
/// </summary>
public sealed class AzureStorageOptionsValidator : IValidateOptions<AzureStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{nameof(AzureStorageOptions.ConnectionString)} must be set.");
        }

        var prefix = options.TablePrefix ?? "";
        if (prefix.Length == 0
            || !char.IsAsciiLetter(prefix[0])
            || !prefix.All(char.IsAsciiLetterOrDigit)
            || prefix.Length + AzureTableSet.LongestSuffix.Length > 63)
        {
            failures.Add(
                $"{nameof(AzureStorageOptions.TablePrefix)} '{prefix}' must start with a letter, hold only letters and digits, "
                + $"and be at most {63 - AzureTableSet.LongestSuffix.Length} characters.");
        }

        var container = options.BlobContainer ?? "";
        if (container.Length is < 3 or > 63
            || !container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || container[0] == '-'
            || container[^1] == '-'
            || container.Contains("--", StringComparison.Ordinal))
        {
            failures.Add(
                $"{nameof(AzureStorageOptions.BlobContainer)} '{container}' must be 3 to 63 of [a-z0-9-], "
                + "without a leading, trailing or doubled '-'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
