namespace Pubky.Client.Transfer;

/// <summary>How far a copy between two homeservers is: files looked at, copied, already equal on the target, deleted, bytes sent.</summary>
public sealed record TransferProgress(long Seen, long Copied, long Unchanged, long Deleted, long Bytes, string? Current);
