using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

/// <summary>/info counts everything on the server, so it gets a server of its own.</summary>
public sealed class AdminInfoTests
{
    [Fact]
    public async Task Info_reports_counts_identity_and_published_addresses()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var admin = new AdminClient(server);
        using var writer = await TestUser.Create(server).SignedUpAsync();
        using var disabled = await TestUser.Create(server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await writer.PutAsync("/pub/big.bin", new byte[1024 * 1024])).StatusCode);
        await admin.SendAsync(HttpMethod.Post, $"/users/{disabled.Z32}/disable");
        await admin.SendAsync(HttpMethod.Get, "/generate_signup_token");
        await admin.SendAsync(HttpMethod.Get, "/generate_signup_token");

        var info = await admin.GetJsonAsync("/info");

        Assert.Equal(2, info["num_users"]!.GetValue<long>());
        Assert.Equal(1, info["num_disabled_users"]!.GetValue<long>());
        Assert.Equal(1, info["total_disk_used_mb"]!.GetValue<long>());
        Assert.Equal(2, info["num_signup_codes"]!.GetValue<long>());
        Assert.Equal(2, info["num_unused_signup_codes"]!.GetValue<long>());
        Assert.Equal(TestHomeserver.HomeserverZ32, info["public_key"]!.GetValue<string>());
        Assert.Equal($"127.0.0.1:{server.PubkyTlsPort}", info["pkarr_pubky_address"]!.GetValue<string>());
        Assert.Equal($"localhost:{server.ClientPort}", info["pkarr_icann_domain"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(info["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Info_has_no_icann_domain_when_none_is_configured()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?>
        {
            ["Homeserver:IcannDomain"] = "",
            ["Homeserver:PublicPubkyTlsPort"] = "7000",
        });
        using var admin = new AdminClient(server);

        var info = await admin.GetJsonAsync("/info");

        Assert.Null(info["pkarr_icann_domain"]);
        Assert.Equal("127.0.0.1:7000", info["pkarr_pubky_address"]!.GetValue<string>());
    }
}
