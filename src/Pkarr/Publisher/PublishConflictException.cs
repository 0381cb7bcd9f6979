namespace Pubky.Pkarr.Publisher;

/// <summary>
/// A majority of the places we published to refused the packet for a concurrency reason; retrying the same packet
/// cannot help, the caller must re-read and re-sign.
/// </summary>
public sealed class PublishConflictException(PublishConflict conflict, string message) : Exception(message)
{
    public PublishConflict Conflict { get; } = conflict;
}
