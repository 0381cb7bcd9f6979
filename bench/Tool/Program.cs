using System.Globalization;
using PubkyCluster.Bench;

// bench/run.sh drives this; every command prints its figures on one line of stdout (progress goes to stderr), and any
// failed check (a non-2xx answer, a wrong listing, a short scan) is an exit code of 1.
try
{
    return args switch
    {
        ["baseline", var port, var directory] => await Baseline.RunAsync(Int(port), directory),
        ["seed", var client] => await Seed.RunAsync(new Uri(client)),
        ["users", var client, var count, var file] => await Users.SignUpAsync(new Uri(client), Int(count), file),
        ["fill", var client, var count] => await Users.FillAsync(new Uri(client), Int(count)),
        ["listing", var client, var large, var largeCount, var small, var smallCount, var pairs, var seconds] =>
            await Listing.RunAsync(new Uri(client), large, Int(largeCount), small, Int(smallCount), Int(pairs), double.Parse(seconds, CultureInfo.InvariantCulture)),
        ["events", var client, var baseline, var pairs] => await EventsScan.RunAsync(new Uri(client), new Uri(baseline), Int(pairs)),
        ["bigput", var client, var baseline, var bytes, var pairs, var puts] =>
            await BigPut.RunAsync(new Uri(client), new Uri(baseline), Int(bytes), Int(pairs), Int(puts)),
        ["memory", var users] => await GrainMemory.RunAsync(Int(users)),
        ["tlsget", var host, var plainPort, var tlsPort, var homeserver, var user, var connections, var seconds, var pairs] =>
            await PubkyTlsGet.RunAsync(host, Int(plainPort), Int(tlsPort), homeserver, user, Int(connections), double.Parse(seconds, CultureInfo.InvariantCulture), Int(pairs)),
        _ => Usage(),
    };
}
catch (Exception e) when (e is BenchFailure or HttpRequestException or TaskCanceledException or IOException)
{
    Console.Error.WriteLine($"[bench] failed: {e.GetType().Name}: {e.Message}");
    return 1;
}

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("""
        usage: PubkyCluster.Bench baseline <port> <directory>
               PubkyCluster.Bench seed <client url>                      (prints the user's key)
               PubkyCluster.Bench users <client url> <count> <file>      (writes "host cookie" lines)
               PubkyCluster.Bench fill <client url> <count>              (prints the user's key)
               PubkyCluster.Bench listing <client url> <large user> <count> <small user> <count> <pairs> <seconds>
               PubkyCluster.Bench events <client url> <baseline url> <pairs>
               PubkyCluster.Bench bigput <client url> <baseline url> <bytes> <pairs> <puts per run>
               PubkyCluster.Bench memory <users>
               PubkyCluster.Bench tlsget <host> <plain port> <pubky tls port> <homeserver z32> <user> <connections> <seconds> <pairs>
        """);
    return 2;
}
