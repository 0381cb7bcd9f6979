using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Contracts;

/// <summary>
/// Departures: users whose record points at another homeserver, as the republisher records them and the admin listing
/// of departed users reads them.
/// </summary>
public abstract partial class UserStoreContract
{
    private const string Elsewhere = "elsewhere-homeserver";
    private const string Further = "further-homeserver";

    [Fact]
    public async Task A_departure_is_listed_with_its_homeserver_its_sightings_and_the_users_usage()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        await PutAsync(store, user, "/pub/a", 100);
        var seen = TestClock.Next();

        Assert.True(await store.RecordDepartureAsync(user, Elsewhere, seen));

        var listed = Assert.Single(await store.ListDeparturesAsync(null, 10));
        Assert.Equal(new DepartureRecord(user, Elsewhere, seen, seen, 100 + Overhead, 1), listed);
    }

    [Fact]
    public async Task Seeing_the_same_departure_again_keeps_the_first_sighting_and_moves_the_last()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        var first = TestClock.Next();
        var later = TestClock.Next();

        await store.RecordDepartureAsync(user, Elsewhere, first);
        await store.RecordDepartureAsync(user, Elsewhere, later);

        var listed = Assert.Single(await store.ListDeparturesAsync(null, 10));
        Assert.Equal((first, later), (listed.FirstSeen, listed.LastSeen));
    }

    [Fact]
    public async Task A_move_on_to_another_homeserver_restarts_the_first_sighting()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        await store.RecordDepartureAsync(user, Elsewhere, TestClock.Next());
        var moved = TestClock.Next();

        await store.RecordDepartureAsync(user, Further, moved);

        var listed = Assert.Single(await store.ListDeparturesAsync(null, 10));
        Assert.Equal((Further, moved, moved), (listed.Homeserver, listed.FirstSeen, listed.LastSeen));
    }

    [Fact]
    public async Task Recording_a_departure_of_an_unknown_user_returns_false_and_lists_nothing()
    {
        var store = await OpenFreshAsync();

        Assert.False(await store.RecordDepartureAsync(NewUser(), Elsewhere, TestClock.Next()));
        Assert.Empty(await store.ListDeparturesAsync(null, 10));
    }

    [Fact]
    public async Task Cleared_departures_are_no_longer_listed_and_the_others_stay()
    {
        var store = await OpenFreshAsync();
        var returned = (await CreateUserAsync(store)).User;
        var departed = (await CreateUserAsync(store)).User;
        var neverLeft = (await CreateUserAsync(store)).User;
        await store.RecordDepartureAsync(returned, Elsewhere, TestClock.Next());
        await store.RecordDepartureAsync(departed, Elsewhere, TestClock.Next());

        await store.ClearDeparturesAsync([returned, neverLeft]);

        Assert.Equal([departed], (await store.ListDeparturesAsync(null, 10)).Select(d => d.User));
    }

    [Fact]
    public async Task Departures_are_listed_page_by_page_in_key_order_and_users_who_stayed_are_not()
    {
        var store = await OpenFreshAsync();
        var departed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var user = (await CreateUserAsync(store)).User;
            await CreateUserAsync(store);
            await store.RecordDepartureAsync(user, Elsewhere, TestClock.Next());
            departed.Add(user);
        }

        var first = await store.ListDeparturesAsync(null, 2);
        var second = await store.ListDeparturesAsync(first[^1].User, 2);
        var third = await store.ListDeparturesAsync(second[^1].User, 2);
        var past = await store.ListDeparturesAsync(third[^1].User, 2);

        Assert.Equal(departed.Order(StringComparer.Ordinal), [.. first.Concat(second).Concat(third).Select(d => d.User)]);
        Assert.Single(third);
        Assert.Empty(past);
    }

    [Fact]
    public async Task Recording_a_departure_leaves_the_users_version_current()
    {
        var store = await OpenFreshAsync();
        var user = (await CreateUserAsync(store)).User;
        var version = (await store.GetUserAsync(user))!.Version;

        await store.RecordDepartureAsync(user, Elsewhere, TestClock.Next());

        await CommitPutAsync(store, user, "/pub/a", version);
        Assert.NotNull(await store.GetEntryAsync(user, "/pub/a"));
    }

    [Fact]
    public async Task A_departure_survives_reopening_the_store()
    {
        var name = NewName();
        var store = await OpenNamedAsync(name);
        var user = (await CreateUserAsync(store)).User;
        await store.RecordDepartureAsync(user, Elsewhere, TestClock.Next());
        await CloseAllAsync();

        var reopened = await OpenNamedAsync(name);

        Assert.Equal([user], (await reopened.ListDeparturesAsync(null, 10)).Select(d => d.User));
    }
}
