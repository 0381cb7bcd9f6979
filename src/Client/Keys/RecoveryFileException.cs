namespace Pubky.Client.Keys;

/// <summary>A recovery file that cannot be read; the messages are those of pubky-common/src/recovery_file.rs.</summary>
public sealed class RecoveryFileException(string message) : Exception(message);
