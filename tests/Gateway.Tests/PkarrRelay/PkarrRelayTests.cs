using System.Net;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.PkarrRelay;

[Collection(HomeserverCollection.Name)]
public sealed class PkarrRelayTests(SharedHomeserver shared) : IDisposable
{
    private const string PayloadContentType = "application/pkarr.org/relays#payload";

    private readonly HttpClient _http = shared.Server.CreateClient();
    private readonly Keypair _user = Keypair.Random();
    private readonly PublicKey _homeserver = PublicKey.ParseZ32(TestHomeserver.HomeserverZ32);

    [Fact]
    public async Task Root_answers_200()
    {
        var response = await _http.GetAsync(Url("/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Put_is_204_with_the_number_of_testnet_dht_nodes_that_stored_it()
    {
        var response = await PutAsync(NewPacket());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        // The testnet DHT has a bootstrap node and two more by default; all of them are among the closest.
        Assert.Equal("3", Assert.Single(response.Headers.GetValues("Pkarr-Dht-Stored-Nodes")));
    }

    [Fact]
    public async Task Get_returns_the_payload_that_was_put()
    {
        var packet = NewPacket();
        await PutAsync(packet);

        var response = await _http.GetAsync(Url($"/{_user.PublicKey.Z32}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // '#' is not a valid media type character for HttpClient's parser, so read the header as sent.
        Assert.Equal(PayloadContentType, response.Content.Headers.NonValidated["Content-Type"].ToString());
        Assert.Equal(packet.ToRelayPayload(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_sets_cache_control_from_the_packet_ttl_and_last_modified_from_its_timestamp()
    {
        var packet = NewPacket();
        await PutAsync(packet);

        var response = await _http.GetAsync(Url($"/{_user.PublicKey.Z32}"));

        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromSeconds(PubkyRecords.Ttl), response.Headers.CacheControl?.MaxAge);
        var timestamp = UnixMicros.ToDateTimeOffset(packet.Timestamp);
        Assert.Equal(timestamp.ToUnixTimeSeconds(), response.Content.Headers.LastModified?.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Get_with_If_Modified_Since_at_the_packet_timestamp_is_304()
    {
        var packet = NewPacket();
        await PutAsync(packet);
        var request = new HttpRequestMessage(HttpMethod.Get, Url($"/{_user.PublicKey.Z32}"));
        request.Headers.IfModifiedSince = UnixMicros.ToDateTimeOffset(packet.Timestamp);

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Get_with_an_older_If_Modified_Since_returns_the_full_payload()
    {
        var packet = NewPacket();
        await PutAsync(packet);
        var request = new HttpRequestMessage(HttpMethod.Get, Url($"/{_user.PublicKey.Z32}"));
        request.Headers.IfModifiedSince = UnixMicros.ToDateTimeOffset(packet.Timestamp).AddMinutes(-1);

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(packet.ToRelayPayload(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Put_of_an_older_packet_is_409()
    {
        var older = NewPacket();
        var newer = NewPacket();
        await PutAsync(newer);

        var response = await PutAsync(older);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Put_with_an_If_Match_other_than_the_stored_timestamp_is_412()
    {
        var first = NewPacket();
        await PutAsync(first);

        var response = await PutAsync(NewPacket(), ifMatch: (first.Timestamp - 1).ToString());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task Put_with_an_If_Match_of_the_stored_timestamp_is_204()
    {
        var first = NewPacket();
        await PutAsync(first);

        var response = await PutAsync(NewPacket(), ifMatch: first.Timestamp.ToString());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Put_with_a_non_numeric_If_Match_is_400()
    {
        var response = await PutAsync(NewPacket(), ifMatch: "\"abc\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Put_of_a_body_over_1104_bytes_is_413()
    {
        var response = await _http.PutAsync(Url($"/{_user.PublicKey.Z32}"), new ByteArrayContent(new byte[1105]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Put_of_a_payload_too_long_for_a_packet_is_400()
    {
        var response = await _http.PutAsync(Url($"/{_user.PublicKey.Z32}"), new ByteArrayContent(new byte[1100]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Put_with_a_bad_signature_is_400()
    {
        var payload = NewPacket().ToRelayPayload();
        payload[0] ^= 0x01;

        var response = await _http.PutAsync(Url($"/{_user.PublicKey.Z32}"), new ByteArrayContent(payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signature", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_of_another_keys_packet_is_400()
    {
        using var other = Keypair.Random();

        var response = await _http.PutAsync(Url($"/{other.PublicKey.Z32}"), new ByteArrayContent(NewPacket().ToRelayPayload()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Put_with_an_invalid_key_is_400()
    {
        var response = await _http.PutAsync(Url("/not-a-key"), new ByteArrayContent(NewPacket().ToRelayPayload()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid public key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_of_an_unknown_key_is_404()
    {
        var response = await _http.GetAsync(Url($"/{_user.PublicKey.Z32}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_with_an_invalid_key_is_400()
    {
        var response = await _http.GetAsync(Url("/not-a-key"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private SignedPacket NewPacket() => PubkyRecords.UserPacket(_user, _homeserver);

    private Task<HttpResponseMessage> PutAsync(SignedPacket packet, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Url($"/{packet.PublicKey.Z32}"))
        {
            Content = new ByteArrayContent(packet.ToRelayPayload()),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return _http.SendAsync(request);
    }

    private Uri Url(string path) => shared.Server.Url(shared.Server.PkarrRelayPort, path);

    public void Dispose()
    {
        _http.Dispose();
        _user.Dispose();
    }
}
