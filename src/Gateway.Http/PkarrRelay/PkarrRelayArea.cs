using System.Globalization;
using Microsoft.Net.Http.Headers;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.PkarrRelay;

/// <summary>
/// The pkarr relay HTTP API as pkarr-relay 0.11 serves it to pubky-core 0.6.0 clients (pkarr: relay/src/handlers.rs
/// and design/relays.md), minus its bug of answering an older If-Modified-Since with an empty 200. The testnet's JS
/// client resolves and publishes user and homeserver records only through this API.
/// </summary>
public static class PkarrRelayArea
{
    public const string PayloadContentType = "application/pkarr.org/relays#payload";

    /// <summary>How many DHT nodes stored a PUT packet (pkarr-relay 1.0 adds it; clients may ignore it).</summary>
    public const string DhtStoredNodesHeader = "Pkarr-Dht-Stored-Nodes";

    public static IServiceCollection AddPkarrRelay(this IServiceCollection services) =>
        services.AddSingleton<PkarrRecordStore>().AddSingleton<IPkarrRecordSource, DhtPkarrRecordSource>();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Text(
            "This is a pkarr relay: PUT /<z-base-32 public key> publishes a signed packet, GET /<z-base-32 public key> resolves one.",
            PlainText.ContentType));
        endpoints.MapPut("/{key}", PutAsync);
        endpoints.MapGet("/{key}", GetAsync);
    }

    private static async Task<IResult> PutAsync(string key, IPkarrRecordSource records, HttpContext context)
    {
        if (!PublicKey.TryParseLenient(key, out var publicKey))
        {
            return InvalidKey();
        }
        var payload = await SmallBody.ReadAsync(context.Request, SignedPacket.MaxLength, context.RequestAborted);
        if (payload is null)
        {
            return PlainText.Error(StatusCodes.Status413PayloadTooLarge,
                $"Payload too large: a relay payload is at most {SignedPacket.MaxRelayPayloadLength} bytes");
        }
        if (!TryReadCas(context.Request, out var cas))
        {
            return PlainText.Error(StatusCodes.Status400BadRequest,
                "Invalid If-Match header: expected the timestamp (decimal microseconds) of the packet being replaced");
        }
        SignedPacket packet;
        try
        {
            packet = SignedPacket.FromRelayPayload(publicKey, payload);
        }
        catch (SignedPacketFormatException e)
        {
            return PlainText.Error(StatusCodes.Status400BadRequest, $"Invalid signed packet: {e.Message}");
        }
        var published = await records.PublishAsync(packet, cas, context.RequestAborted);
        switch (published.Outcome)
        {
            case PkarrPutOutcome.Stored:
                context.Response.Headers[DhtStoredNodesHeader] = published.DhtStoredNodes.ToString(CultureInfo.InvariantCulture);
                return Results.NoContent();
            case PkarrPutOutcome.NotMostRecent:
                return PlainText.Error(StatusCodes.Status409Conflict, "Conflict: a more recent packet is already known for this key");
            default:
                return PlainText.Error(StatusCodes.Status412PreconditionFailed,
                    "Precondition failed: If-Match is not the timestamp of the packet known for this key");
        }
    }

    private static async Task<IResult> GetAsync(string key, IPkarrRecordSource records, HttpContext context)
    {
        if (!PublicKey.TryParseLenient(key, out var publicKey))
        {
            return InvalidKey();
        }
        if (await records.ResolveAsync(publicKey, context.RequestAborted) is not { } packet)
        {
            return PlainText.Error(StatusCodes.Status404NotFound, "Not Found");
        }
        // HTTP dates carry whole seconds, so the comparison below is at second precision, as pkarr-relay's.
        var lastModified = TruncateToSeconds(UnixMicros.ToDateTimeOffset(packet.Timestamp));
        var response = context.Response.GetTypedHeaders();
        response.LastModified = lastModified;
        response.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(packet.Ttl()) };
        if (context.Request.GetTypedHeaders().IfModifiedSince is { } since && since >= lastModified)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(packet.ToRelayPayload(), PayloadContentType);
    }

    /// <summary>No If-Match is fine (no CAS); one that is present must be a decimal timestamp, optionally quoted.</summary>
    private static bool TryReadCas(HttpRequest request, out ulong? cas)
    {
        cas = null;
        if (!request.Headers.TryGetValue(HeaderNames.IfMatch, out var values))
        {
            return true;
        }
        if (values.Count == 1 && ulong.TryParse(values.ToString().AsSpan().Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            cas = timestamp;
            return true;
        }
        return false;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));

    private static IResult InvalidKey() => PlainText.Error(StatusCodes.Status400BadRequest, "Invalid public key");
}
