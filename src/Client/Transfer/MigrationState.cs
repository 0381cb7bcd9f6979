using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pubky.Client.Transfer;

/// <summary>
/// What a migration has done, saved after every step so that a run killed at any point resumes where it was: the
/// source's event cursor it started from (and caught up to), whether the user's record already points at the target,
/// whether it finished. Written to a temporary file and moved over the old one, so a kill never leaves half a state.
/// </summary>
public sealed record MigrationState
{
    public required string User { get; init; }

    public required string Target { get; init; }

    public long? Cursor { get; init; }

    public bool Switched { get; init; }

    public bool SourceDeleted { get; init; }

    public bool Completed { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static async Task<MigrationState?> LoadAsync(string path, CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<MigrationState>(file, Json, cancellation);
    }

    public async Task SaveAsync(string path, CancellationToken cancellation)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(this, Json), cancellation);
        File.Move(temporary, path, overwrite: true);
    }
}
