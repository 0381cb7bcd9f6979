using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Publisher;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Relay;

/// <summary>
/// Client of pkarr HTTP relays (pkarr: design/relays.md): <c>GET /{z32}</c> and <c>PUT /{z32}</c> carrying relay
/// payloads (<c>sig ‖ timestamp ‖ dns</c>). Copes with both relay generations: 0.11's empty-200 bug and 409/412/428
/// codes, and 1.0's <c>Pkarr-Dht-Stored-Nodes</c>. Every answer is verified before it is returned.
/// </summary>
public sealed class PkarrRelayClient
{
    public const string PayloadContentType = "application/pkarr.org/relays#payload";

    public const string StoredNodesHeader = "Pkarr-Dht-Stored-Nodes";

    private readonly HttpClient _http;
    private readonly PkarrRelayClientOptions _options;

    /// <param name="http">Owned by the caller (e.g. from IHttpClientFactory); its own timeout should exceed ours.</param>
    /// <param name="relays"></param>
    /// <param name="options"></param>
    public PkarrRelayClient(HttpClient http, IReadOnlyList<Uri> relays, PkarrRelayClientOptions? options = null)
    {
        _http = http;
        Relays = relays.Count > 0 ? relays : throw new ArgumentException("At least one relay is needed.", nameof(relays));
        _options = options ?? new PkarrRelayClientOptions();
    }

    public IReadOnlyList<Uri> Relays { get; }

    /// <summary>
    /// Reads <paramref name="key"/>'s packet from one relay. With <paramref name="cached"/> it asks If-Modified-Since
    /// and returns <paramref name="cached"/> on 304; an empty 200 (pkarr-relay 0.11's answer when the header is older
    /// than the packet) is retried without the header. Null when the relay has nothing valid or cannot be reached.
    /// </summary>
    public async Task<SignedPacket?> GetAsync(Uri relay, PublicKey key, SignedPacket? cached, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.RequestTimeout, _options.Time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var answer = await GetOnceAsync(relay, key, cached, timeout.Token);
            if (answer is { Status: HttpStatusCode.OK, Body.Length: 0 } && cached is not null)
            {
                answer = await GetOnceAsync(relay, key, null, timeout.Token);
            }
            return answer.Status switch
            {
                HttpStatusCode.NotModified when cached is not null => cached,
                HttpStatusCode.OK => Verify(key, answer.Body),
                _ => null,
            };
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Asks every relay at once and yields verified packets as they arrive, each more recent than the last.</summary>
    public async IAsyncEnumerable<SignedPacket> ResolveStreamAsync(
        PublicKey key, SignedPacket? cached, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var answers = Channel.CreateBounded<SignedPacket>(Relays.Count);
        var all = Task.WhenAll(Relays.Select(async relay =>
        {
            if (await GetAsync(relay, key, cached, cancellationToken) is { } packet)
            {
                await answers.Writer.WriteAsync(packet, cancellationToken);
            }
        }));
        _ = all.ContinueWith(t => answers.Writer.TryComplete(t.Exception), TaskScheduler.Default);
        SignedPacket? newest = null;
        await foreach (var packet in answers.Reader.ReadAllAsync(cancellationToken))
        {
            if (newest is null || packet.MoreRecentThan(newest))
            {
                newest = packet;
                yield return packet;
            }
        }
    }

    /// <summary>
    /// PUTs <paramref name="packet"/> to every relay at once, with <c>If-Match: cas</c> when given. Returns all outcomes;
    /// <see cref="RelayPublishResult.IsMajority"/> says whether it counts as published.
    /// </summary>
    /// <exception cref="PublishConflictException">A majority answered 409, 412 or 428.</exception>
    public async Task<RelayPublishResult> PublishAsync(SignedPacket packet, ulong? cas, CancellationToken cancellationToken)
    {
        var payload = packet.ToRelayPayload();
        var outcomes = await Task.WhenAll(Relays.Select(r => PutAsync(r, packet.PublicKey, payload, cas, cancellationToken)))
            ;
        var result = new RelayPublishResult(outcomes);
        if (result.IsMajority)
        {
            return result;
        }
        foreach (var (status, conflict) in ConflictStatuses)
        {
            if (outcomes.Count(o => o.StatusCode == status) >= result.Majority)
            {
                throw new PublishConflictException(conflict, $"A majority of relays answered {status} ({conflict}) for {packet.PublicKey}.");
            }
        }
        return result;
    }

    private static readonly (int Status, PublishConflict Conflict)[] ConflictStatuses =
    [
        (StatusCodes.Conflict, PublishConflict.NotMostRecent),
        (StatusCodes.PreconditionFailed, PublishConflict.CasFailed),
        (StatusCodes.PreconditionRequired, PublishConflict.ConflictRisk),
    ];

    private async Task<RelayPublishOutcome> PutAsync(
        Uri relay, PublicKey key, byte[] payload, ulong? cas, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.PublishTimeout, _options.Time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var request = new HttpRequestMessage(HttpMethod.Put, PacketUri(relay, key))
        {
            Content = new ByteArrayContent(payload),
        };
        // '#' is not a token character, so the header is set verbatim as pkarr sends it.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", PayloadContentType);
        if (cas is { } expected)
        {
            request.Headers.TryAddWithoutValidation("If-Match", expected.ToString(CultureInfo.InvariantCulture));
        }
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var stored = response.Headers.TryGetValues(StoredNodesHeader, out var values)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : (int?)null;
            return new RelayPublishOutcome(relay, (int)response.StatusCode, stored);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new RelayPublishOutcome(relay, null, null);
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> GetOnceAsync(
        Uri relay, PublicKey key, SignedPacket? cached, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PacketUri(relay, key));
        if (cached is not null)
        {
            // Relays compare at second precision; the timestamp is in microseconds.
            request.Headers.IfModifiedSince = DateTimeOffset.FromUnixTimeSeconds((long)(cached.Timestamp / 1_000_000));
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            ;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, []);
        }
        return (response.StatusCode, await ReadBoundedAsync(response.Content, cancellationToken));
    }

    /// <summary>Reads at most one byte more than a relay payload may have, so a hostile relay cannot make us buffer more.</summary>
    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            var buffer = new byte[SignedPacket.MaxRelayPayloadLength + 1];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                total += read;
            }
            return buffer[..total];
        }
    }

    private static SignedPacket? Verify(PublicKey key, byte[] body)
    {
        try
        {
            return SignedPacket.FromRelayPayload(key, body);
        }
        catch (SignedPacketFormatException)
        {
            return null;
        }
    }

    private static Uri PacketUri(Uri relay, PublicKey key) => new(relay.AbsoluteUri.TrimEnd('/') + "/" + key.Z32);

    /// <summary>The relay status codes with a concurrency meaning.</summary>
    private static class StatusCodes
    {
        public const int Conflict = 409;
        public const int PreconditionFailed = 412;
        public const int PreconditionRequired = 428;
    }
}
