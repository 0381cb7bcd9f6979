using PubkyCluster.Bench;

// bench/run.sh drives this: "baseline <port> <directory>" serves the bare Kestrel baselines until stopped;
// "seed <client url>" signs a user up on a homeserver, stores the files the measures read, and prints the user's key.
return args switch
{
    ["baseline", var port, var directory] => await Baseline.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), directory),
    ["seed", var clientUrl] => await Seed.RunAsync(new Uri(clientUrl)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: PubkyCluster.Bench baseline <port> <directory> | seed <client url>");
    return 2;
}
