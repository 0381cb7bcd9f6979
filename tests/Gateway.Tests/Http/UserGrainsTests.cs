using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Tests.Http;

/// <summary>The gateway's user grain references, made without Orleans' per-call interface lookup.</summary>
public sealed class UserGrainsTests
{
    [Fact]
    public async Task A_reference_names_the_grain_and_interface_the_grain_factory_names_and_reaches_that_grain()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var user = await TestUser.Create(server).SignedUpAsync();
        var grains = server.Services.GetRequiredService<IGrainFactory>();

        var made = (GrainReference)server.Services.GetRequiredService<UserGrains>().For(user.Z32);

        var expected = (GrainReference)grains.GetGrain<IUserGrain>(user.Z32);
        Assert.Equal((expected.GrainId, expected.InterfaceType), (made.GrainId, made.InterfaceType));
        Assert.NotNull(await ((IUserGrain)made).GetUsage());
    }
}
