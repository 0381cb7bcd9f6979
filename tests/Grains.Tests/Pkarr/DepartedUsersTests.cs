using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Grains.Tests.Pkarr;

/// <summary>
/// The republisher's side of a move (issue 14): a user whose newest record points at another homeserver is listed as
/// departed, with that homeserver and when it was first and last seen so, until the record points here again.
/// </summary>
public sealed class DepartedUsersTests : IAsyncLifetime
{
    private RepublisherCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RepublisherCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_user_whose_newest_record_points_elsewhere_is_listed_as_departed_to_that_homeserver()
    {
        using var elsewhere = Keypair.Random();
        using var user = await _cluster.SignUpAsync();
        var here = PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey);
        await _cluster.HoldAsync(here);
        _cluster.Dht.Hold(PubkyRecords.UserPacket(user, elsewhere.PublicKey, previous: here));

        await _cluster.RepublishNowAsync();

        var departed = Assert.Single(await _cluster.DepartedAsync());
        var now = _cluster.Clock.GetUtcNow();
        Assert.Equal((user.PublicKey.Z32, elsewhere.PublicKey.Z32, now, now), (departed.User, departed.Homeserver, departed.FirstSeen, departed.LastSeen));
    }

    [Fact]
    public async Task A_later_pass_keeps_the_first_sighting_and_moves_the_last()
    {
        using var elsewhere = Keypair.Random();
        using var user = await _cluster.SignUpAsync();
        _cluster.Dht.Hold(PubkyRecords.UserPacket(user, elsewhere.PublicKey));
        await _cluster.RepublishNowAsync();
        var first = _cluster.Clock.GetUtcNow();

        _cluster.Clock.Advance(TimeSpan.FromHours(4));
        await _cluster.RepublishNowAsync();

        var departed = Assert.Single(await _cluster.DepartedAsync());
        Assert.Equal((first, first.AddHours(4)), (departed.FirstSeen, departed.LastSeen));
    }

    [Fact]
    public async Task A_user_whose_record_points_here_again_is_no_longer_departed()
    {
        using var elsewhere = Keypair.Random();
        using var user = await _cluster.SignUpAsync();
        var away = PubkyRecords.UserPacket(user, elsewhere.PublicKey);
        _cluster.Dht.Hold(away);
        await _cluster.RepublishNowAsync();

        _cluster.Dht.Hold(PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey, previous: away));
        var counts = await _cluster.RepublishNowAsync();

        Assert.Equal(1, counts.Published);
        Assert.Empty(await _cluster.DepartedAsync());
    }

    [Fact]
    public async Task Users_hosted_here_and_users_with_no_record_are_not_listed()
    {
        using var hosted = await _cluster.SignUpAsync();
        using var unpublished = await _cluster.SignUpAsync();
        _cluster.Dht.Hold(PubkyRecords.UserPacket(hosted, _cluster.Homeserver.PublicKey));

        await _cluster.RepublishNowAsync();

        Assert.Empty(await _cluster.DepartedAsync());
    }
}
