using System.Text.Json;

namespace Pubky.Cli.Console;

/// <summary>
/// Human-readable lines by default, one JSON object per result with <c>--json</c>; errors and progress go to stderr so
/// stdout stays a clean result. Nothing secret (keys, session secrets, passwords) is ever passed here.
/// </summary>
public sealed class CliOutput(TextWriter output, TextWriter error, bool json)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public bool IsJson => json;

    /// <summary>A result: <paramref name="human"/> as text, or <paramref name="value"/> as one JSON line.</summary>
    public void Result(string human, object value) => output.WriteLine(json ? JsonSerializer.Serialize(value, Json) : human);

    public void Line(string text) => output.WriteLine(text);

    public void Progress(string text)
    {
        if (!json)
        {
            error.WriteLine(text);
        }
    }

    public void Error(string message, int? status = null)
    {
        if (json)
        {
            error.WriteLine(JsonSerializer.Serialize(new { error = message, status }, Json));
            return;
        }
        error.WriteLine("error: " + message);
    }
}
