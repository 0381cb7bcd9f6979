using System.Net;
using PubkyCluster.Gateway.Bounds;

namespace PubkyCluster.Gateway.Tests.Bounds;

public sealed class ClientAddressKeyTests
{
    [Fact]
    public void IPv6_addresses_in_one_slash_64_share_a_key()
    {
        Assert.Equal(
            ClientAddressKey.Of(IPAddress.Parse("2001:db8:1:2::1")),
            ClientAddressKey.Of(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff")));
    }

    [Fact]
    public void IPv6_addresses_in_different_slash_64s_have_different_keys()
    {
        Assert.NotEqual(ClientAddressKey.Of(IPAddress.Parse("2001:db8:1:2::1")), ClientAddressKey.Of(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void An_IPv4_mapped_address_counts_as_its_IPv4_address()
    {
        Assert.Equal(IPAddress.Parse("192.0.2.7"), ClientAddressKey.Of(IPAddress.Parse("::ffff:192.0.2.7")));
    }

    [Fact]
    public void IPv4_addresses_are_counted_each_on_their_own()
    {
        Assert.NotEqual(ClientAddressKey.Of(IPAddress.Parse("192.0.2.7")), ClientAddressKey.Of(IPAddress.Parse("192.0.2.8")));
    }

    [Fact]
    public void An_unknown_peer_gets_the_shared_unknown_key()
    {
        Assert.Equal(ClientAddressKey.Unknown, ClientAddressKey.Of((IPAddress?)null));
    }
}
