namespace PubkyCluster.Gateway.Tests.Settings;

/// <summary>Listen:PubkyTlsPort is validated at start like every listener's port; 0 is allowed (off).</summary>
public sealed class PubkyTlsPortSettingsTests
{
    [Fact]
    public void A_pubky_tls_port_shared_with_the_client_port_is_refused_naming_both()
    {
        var result = new ListenOptionsValidator().Validate(null, new ListenOptions { PubkyTlsPort = 6286 });

        Assert.Equal(["Listen: ClientPort, PubkyTlsPort share port 6286."], result.Failures);
    }

    [Fact]
    public void A_pubky_tls_port_out_of_range_is_refused_naming_the_key()
    {
        var result = new ListenOptionsValidator().Validate(null, new ListenOptions { PubkyTlsPort = 70000 });

        Assert.Equal(["Listen:PubkyTlsPort must be a port number or 0 to turn it off, not 70000."], result.Failures);
    }

    [Fact]
    public void A_pubky_tls_port_of_0_is_accepted() =>
        Assert.True(new ListenOptionsValidator().Validate(null, new ListenOptions { PubkyTlsPort = 0 }).Succeeded);
}
