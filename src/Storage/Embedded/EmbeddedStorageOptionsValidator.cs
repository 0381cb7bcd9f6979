using Microsoft.Extensions.Options;

namespace PubkyCluster.Storage.Embedded;

/// <summary>
/// Fails the start when the data directory is unset or cannot be created, instead of at the first write.
/// Creating it here is what "created if missing" means, and proves the process may write there.
/// </summary>
public sealed class EmbeddedStorageOptionsValidator : IValidateOptions<EmbeddedStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return ValidateOptionsResult.Fail($"{nameof(EmbeddedStorageOptions.DataDirectory)} must be set.");
        }

        try
        {
            Directory.CreateDirectory(options.DataDirectory);
            return ValidateOptionsResult.Success;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ValidateOptionsResult.Fail(
                $"{nameof(EmbeddedStorageOptions.DataDirectory)} '{options.DataDirectory}' cannot be created: {exception.Message}");
        }
    }
}
