namespace Pubky.Pkarr.Publisher;

/// <summary>Why a publish was refused as a concurrency conflict (pkarr 3.x errors; relays map them to 409/412/428).</summary>
public enum PublishConflict
{
    /// <summary>Something more recent is already published (relay 409, DHT 302).</summary>
    NotMostRecent,

    /// <summary>The value published is not the one the caller read (<c>cas</c> / If-Match; relay 412, DHT 301).</summary>
    CasFailed,

    /// <summary>Another publish for the key is in flight and no cas was given (relay 428).</summary>
    ConflictRisk,
}
