namespace Pubky.Client.Transfer;

/// <summary>A copied file's hash on the target is not the source's: the copy is not trusted and the transfer stops.</summary>
public sealed class TransferVerificationException(string path, string? expected, string? actual)
    : Exception($"{path}: the target holds BLAKE3 {actual ?? "nothing"} after the copy, the source {expected}.")
{
    public string Path { get; } = path;
}
