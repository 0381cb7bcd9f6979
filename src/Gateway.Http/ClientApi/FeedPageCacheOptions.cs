namespace PubkyCluster.Gateway.ClientApi;

/// <summary>The gateway's cache of full <c>/events/</c> pages (configuration section "FeedCache").</summary>
public sealed class FeedPageCacheOptions
{
    public const string Section = "FeedCache";

    /// <summary>Memory all cached pages may take together, in bytes (a page of 1,000 events is about 90 KB); 0 turns it off.</summary>
    public long MaxBytes { get; set; } = 32L * 1024 * 1024;
}

public sealed class FeedPageCacheOptionsValidator : IValidateOptions<FeedPageCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedPageCacheOptions options) =>
        options.MaxBytes < 0 ? ValidateOptionsResult.Fail("FeedCache:MaxBytes must not be negative.") : ValidateOptionsResult.Success;
}
