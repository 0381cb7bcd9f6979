namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// The gateway's cache of small file bodies (configuration section "BodyCache"). Keyed by blob id, and a blob never
/// changes under its id, so a cached body is always the one the grain's entry names: nothing to validate.
/// </summary>
public sealed class BodyCacheOptions
{
    public const string Section = "BodyCache";

    /// <summary>Memory all cached bodies may take together, in bytes; 0 turns the cache off.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Bodies up to this size are cached; larger ones are always streamed from the blob store.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}

public sealed class BodyCacheOptionsValidator : IValidateOptions<BodyCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, BodyCacheOptions options)
    {
        var errors = new List<string>();
        if (options.MaxBytes < 0)
        {
            errors.Add("BodyCache:MaxBytes must not be negative.");
        }
        if (options.MaxBodyBytes is < 0 || options.MaxBodyBytes > options.MaxBytes)
        {
            errors.Add("BodyCache:MaxBodyBytes must be between 0 and BodyCache:MaxBytes.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
