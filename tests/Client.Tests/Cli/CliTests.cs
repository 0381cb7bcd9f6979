using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pubky.Client.Keys;
using Pubky.Client.Tests.Support;
using PubkyCluster.Gateway.Tests.Support;

namespace Pubky.Client.Tests.Cli;

/// <summary>The <c>pubky</c> tool end to end against two homeservers in this process, run as a separate process.</summary>
public sealed class CliTests(TwoHomeservers servers) : IClassFixture<TwoHomeservers>, IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pubky-cli-");

    private string KeyFile => Path.Combine(_work.FullName, "user.key");

    private static string Spec(TestHomeserver server) =>
        server.Services.GetRequiredService<HomeserverIdentity>().PublicKey.Z32 + "@" + server.ClientUrl();

    private Task<PubkyCli.Outcome> RunAsync(params string[] arguments) =>
        PubkyCli.RunAsync(["--relay", servers.RelayUrl.ToString(), .. arguments], workingDirectory: _work.FullName);

    /// <summary><c>pubky admin --admin &lt;A's admin URL&gt; …</c> with <paramref name="password"/> in the environment.</summary>
    private Task<PubkyCli.Outcome> AdminAsync(string[] arguments, string password = TestHomeserver.AdminPassword) =>
        PubkyCli.RunAsync(
            arguments[0] == "--json" ? ["--json", "admin", "--admin", servers.A.AdminUrl().ToString(), .. arguments[1..]] : ["admin", "--admin", servers.A.AdminUrl().ToString(), .. arguments],
            new Dictionary<string, string> { ["PUBKY_ADMIN_PASSWORD"] = password });

    private async Task<string> NewUserAsync()
    {
        var created = await RunAsync("keys", "new", "--out", KeyFile);
        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, (await RunAsync("signup", "--key", KeyFile, "--homeserver", Spec(servers.A))).ExitCode);
        return created.Output.Trim();
    }

    [Fact]
    public async Task Keys_new_writes_a_recovery_file_whose_secret_is_never_printed()
    {
        var created = await RunAsync("keys", "new", "--out", KeyFile);
        var shown = await RunAsync("--json", "keys", "show", "--key", KeyFile);

        using var keypair = RecoveryFile.Decrypt(await File.ReadAllBytesAsync(KeyFile), "");
        Assert.Equal(0, created.ExitCode);
        Assert.Equal(keypair.PublicKey.Z32, created.Output.Trim());
        Assert.Equal(keypair.PublicKey.Z32, JsonDocument.Parse(shown.Output).RootElement.GetProperty("public_key").GetString());
        var secret = keypair.Secret();
        foreach (var form in new[] { Convert.ToHexStringLower(secret), Convert.ToHexString(secret), Convert.ToBase64String(secret) })
        {
            Assert.DoesNotContain(form, created.Output + created.Errors + shown.Output + shown.Errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Keys_new_never_overwrites_an_existing_file_and_exits_2()
    {
        await File.WriteAllTextAsync(KeyFile, "precious");

        var refused = await RunAsync("keys", "new", "--out", KeyFile);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("never overwritten", refused.Errors, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(KeyFile));
    }

    [Fact]
    public async Task A_wrong_passphrase_exits_2_with_the_reason()
    {
        await RunAsync("keys", "new", "--out", KeyFile);

        var refused = await PubkyCli.RunAsync(["keys", "show", "--key", KeyFile], new Dictionary<string, string> { ["PUBKY_PASSPHRASE"] = "not it" });

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("wrong passphrase", refused.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_get_ls_and_rm_work_through_the_users_published_record()
    {
        var user = await NewUserAsync();
        var local = Path.Combine(_work.FullName, "hello.txt");
        await File.WriteAllTextAsync(local, "hello from the cli");

        var put = await RunAsync("put", "/pub/cli/hello.txt", local, "--key", KeyFile);
        var get = await RunAsync("get", $"pubky://{user}/pub/cli/hello.txt");
        var listed = await RunAsync("ls", $"pubky://{user}/pub/cli/");
        var removed = await RunAsync("rm", "/pub/cli/hello.txt", "--key", KeyFile);
        var gone = await RunAsync("get", $"pubky://{user}/pub/cli/hello.txt");

        Assert.Equal([0, 0, 0, 0], new[] { put.ExitCode, get.ExitCode, listed.ExitCode, removed.ExitCode });
        Assert.Equal("hello from the cli", get.Output);
        Assert.Equal($"pubky://{user}/pub/cli/hello.txt", listed.Output.Trim());
        Assert.Equal(3, gone.ExitCode);
        Assert.Contains("404 Not Found", gone.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_file_is_read_with_the_key_and_refused_without_it()
    {
        var user = await NewUserAsync();
        var local = Path.Combine(_work.FullName, "secret.txt");
        await File.WriteAllTextAsync(local, "only mine");
        await RunAsync("put", "/priv/secret.txt", local, "--key", KeyFile);

        var mine = await RunAsync("get", "/priv/secret.txt", "--key", KeyFile);
        var anonymous = await RunAsync("get", $"pubky://{user}/priv/secret.txt");

        Assert.Equal("only mine", mine.Output);
        Assert.Equal(3, anonymous.ExitCode);
    }

    [Fact]
    public async Task A_second_signup_exits_3_with_the_servers_status_and_text()
    {
        await NewUserAsync();

        var again = await RunAsync("--json", "signup", "--key", KeyFile, "--homeserver", Spec(servers.A));

        Assert.Equal(3, again.ExitCode);
        var error = JsonDocument.Parse(again.Errors).RootElement;
        Assert.Equal(409, error.GetProperty("status").GetInt32());
        Assert.StartsWith("409 User already exists", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_homeserver_exits_4()
    {
        await RunAsync("keys", "new", "--out", KeyFile);
        var nobody = servers.A.Services.GetRequiredService<HomeserverIdentity>().PublicKey.Z32 + "@http://127.0.0.1:" + FreePorts.Take(1)[0];

        var failed = await RunAsync("signup", "--key", KeyFile, "--homeserver", nobody);

        Assert.Equal(4, failed.ExitCode);
    }

    [Fact]
    public async Task Migrate_moves_the_account_and_the_record_so_reads_by_url_reach_the_new_homeserver()
    {
        var user = await NewUserAsync();
        var local = Path.Combine(_work.FullName, "moved.txt");
        await File.WriteAllTextAsync(local, "moved with me");
        await RunAsync("put", "/pub/moved.txt", local, "--key", KeyFile);

        var moved = await RunAsync("--json", "migrate", "--key", KeyFile, "--from", Spec(servers.A), "--to", Spec(servers.B));
        var read = await RunAsync("get", $"pubky://{user}/pub/moved.txt", "--homeserver", Spec(servers.B));
        var resolved = await RunAsync("signin", "--key", KeyFile);

        Assert.Equal(0, moved.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(moved.Output).RootElement.GetProperty("copied").GetInt64());
        Assert.Equal("moved with me", read.Output);
        Assert.Equal(0, resolved.ExitCode);
    }

    [Fact]
    public async Task Admin_token_needs_the_password_from_the_environment()
    {
        var token = await AdminAsync(["token"]);
        var wrong = await AdminAsync(["token"], password: "wrong");

        Assert.True(token.ExitCode == 0, token.Errors);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", token.Output.Trim());
        Assert.Equal(3, wrong.ExitCode);
        Assert.Contains("401", wrong.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_disable_and_usage_act_on_a_user()
    {
        var user = await NewUserAsync();
        var local = Path.Combine(_work.FullName, "f.txt");
        await File.WriteAllTextAsync(local, "12345");
        await RunAsync("put", "/pub/f.txt", local, "--key", KeyFile);

        var usage = await AdminAsync(["--json", "usage", user]);
        var disabled = await AdminAsync(["disable", user]);
        var refused = await RunAsync("put", "/pub/g.txt", local, "--key", KeyFile);

        Assert.Equal(1, JsonDocument.Parse(usage.Output).RootElement.GetProperty("files").GetInt64());
        Assert.Equal(0, disabled.ExitCode);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("403", refused.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_reclaim_deletes_every_file_of_a_user_and_departed_lists_a_page()
    {
        var user = await NewUserAsync();
        var local = Path.Combine(_work.FullName, "r.txt");
        await File.WriteAllTextAsync(local, "reclaimed");
        await RunAsync("put", "/pub/r/1.txt", local, "--key", KeyFile);
        await RunAsync("put", "/priv/r/2.txt", local, "--key", KeyFile);

        var reclaimed = await AdminAsync(["--json", "reclaim", user]);
        var departed = await AdminAsync(["--json", "departed", "--limit", "10"]);

        Assert.Equal(2, JsonDocument.Parse(reclaimed.Output).RootElement.GetProperty("deleted_files").GetInt64());
        Assert.Equal(3, (await RunAsync("get", $"pubky://{user}/pub/r/1.txt")).ExitCode);
        Assert.True(departed.ExitCode == 0, departed.Errors);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(departed.Output).RootElement.GetProperty("items").ValueKind);
    }

    [Fact]
    public async Task Events_tail_prints_the_users_history_with_cursors()
    {
        var user = await NewUserAsync();
        var local = Path.Combine(_work.FullName, "e.txt");
        await File.WriteAllTextAsync(local, "e");
        await RunAsync("put", "/pub/e.txt", local, "--key", KeyFile);
        await RunAsync("rm", "/pub/e.txt", "--key", KeyFile);

        var tail = await RunAsync("events", "tail", "--user", user);

        var lines = tail.Output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.EndsWith($"PUT pubky://{user}/pub/e.txt", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"DEL pubky://{user}/pub/e.txt", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mirror_keeps_the_second_homeserver_in_step_until_stopped_and_saves_its_cursor()
    {
        var user = await NewUserAsync();
        var local = Path.Combine(_work.FullName, "m.txt");
        await File.WriteAllTextAsync(local, "mirrored");
        await RunAsync("put", "/pub/m/before.txt", local, "--key", KeyFile);
        var cursor = Path.Combine(_work.FullName, "mirror.cursor");
        var b = servers.ClientOf(servers.B).Public;

        await using (PubkyCli.Start(["--relay", servers.RelayUrl.ToString(), "mirror", "--key", KeyFile,
            "--from", Spec(servers.A), "--to", Spec(servers.B), "--cursor-file", cursor]))
        {
            await Eventually.HoldsAsync(() => b.ExistsAsync(Protocol.Keys.PublicKey.ParseZ32(user), "/pub/m/before.txt"));
            await RunAsync("put", "/pub/m/after.txt", local, "--key", KeyFile);
            await Eventually.HoldsAsync(() => b.ExistsAsync(Protocol.Keys.PublicKey.ParseZ32(user), "/pub/m/after.txt"));
        }

        Assert.True(File.Exists(cursor));
        Assert.Equal("mirrored", await b.GetTextAsync(Protocol.Keys.PublicKey.ParseZ32(user), "/pub/m/after.txt"));
    }


    public void Dispose() => _work.Delete(recursive: true);
}
