namespace PubkyCluster.Bench;

/// <summary>Signs a fresh user up on a testnet homeserver and stores the public file the GET measure reads.</summary>
public static class Seed
{
    public const string FilePath = "/pub/bench/1k";

    /// <summary>The measured body: 1 KiB, the same bytes on both sides.</summary>
    public static byte[] Body() => Pattern(1024);

    /// <summary><paramref name="length"/> bytes counting 0..255 over and over (the Lua scripts send the same).</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)i;
        }
        return bytes;
    }

    public static async Task<int> RunAsync(Uri client)
    {
        using var http = Accounts.Client(client);
        var user = await Accounts.SignUpAsync(http);
        await Accounts.PutAsync(http, user, FilePath, Body());
        Console.WriteLine(user.Host);
        return 0;
    }
}
