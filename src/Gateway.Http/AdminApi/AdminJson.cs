using System.Globalization;
using System.Text.Json;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>JSON in and out of the admin API: snake_case names as the reference's serde structs produce them.</summary>
public static class AdminJson
{
    /// <summary>Admin JSON bodies are a few hundred bytes; this only stops abuse.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static IResult Ok<T>(T value) => Results.Json(value, Options);

    /// <summary>
    /// A UTC time as the reference's serde writes a chrono NaiveDateTime: no offset, and a fraction only as long as it
    /// needs to be in groups of three digits ("2026-01-01T00:00:00", "….120", "….123456"). The stores keep microseconds.
    /// </summary>
    public static string NaiveUtc(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        var format = fraction == 0 ? "yyyy-MM-ddTHH:mm:ss"
            : fraction % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-ddTHH:mm:ss.fff"
            : "yyyy-MM-ddTHH:mm:ss.ffffff";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads a quota body. With <paramref name="emptyMeansNoChange"/> an empty body is a valid "no change"; otherwise
    /// it is invalid JSON like any other. The result holds either the patch or the error answer.
    /// </summary>
    public static async Task<(QuotaPatch? Patch, IResult? Error)> ReadQuotaPatchAsync(HttpContext context, bool emptyMeansNoChange)
    {
        var body = await SmallBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return (null, PlainText.Error(StatusCodes.Status413PayloadTooLarge, "Payload too large"));
        }
        if (body.Length == 0 && emptyMeansNoChange)
        {
            return (QuotaPatch.None, null);
        }
        return QuotaPatch.TryParse(body, out var patch, out var error)
            ? (patch, null)
            : (null, PlainText.Error(StatusCodes.Status422UnprocessableEntity, error));
    }
}
