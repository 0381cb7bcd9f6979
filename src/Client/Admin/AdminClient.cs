using System.Text.Json;
using Pubky.Client.Errors;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Admin;

/// <summary>
/// An operator's client of a homeserver's admin listener (spec A13, B8), authenticated with <c>X-Admin-Password</c>:
/// signup tokens, disabling and enabling users, a user's usage, the users who moved away and reclaiming their space. JSON names are snake_case as the reference writes them.
/// </summary>
public sealed class AdminClient(HttpClient http, Uri adminUrl, string password)
{
    public const string PasswordHeader = "X-Admin-Password";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A new signup token with the homeserver's default limits.</summary>
    public async Task<string> GenerateSignupTokenAsync(CancellationToken cancellation = default) =>
        (await SendAsync(HttpMethod.Get, "/generate_signup_token", cancellation)).Trim();

    public Task DisableUserAsync(PublicKey user, CancellationToken cancellation = default) =>
        SendAsync(HttpMethod.Post, $"/users/{user.Z32}/disable", cancellation);

    public Task EnableUserAsync(PublicKey user, CancellationToken cancellation = default) =>
        SendAsync(HttpMethod.Post, $"/users/{user.Z32}/enable", cancellation);

    public async Task<UserUsage> GetUsageAsync(PublicKey user, CancellationToken cancellation = default) =>
        JsonSerializer.Deserialize<UserUsage>(await SendAsync(HttpMethod.Get, $"/users/{user.Z32}/usage", cancellation), Json)
            ?? throw new FormatException("The usage answer was empty.");

    /// <summary>One page of the users who moved to another homeserver; pass <see cref="DepartedUsers.NextCursor"/> for the next.</summary>
    public async Task<DepartedUsers> ListDepartedAsync(int? limit = null, string? cursor = null, CancellationToken cancellation = default)
    {
        var query = new List<string>(2);
        if (limit is { } l)
        {
            query.Add($"limit={l}");
        }
        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }
        var path = "/users/departed" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        return JsonSerializer.Deserialize<DepartedUsers>(await SendAsync(HttpMethod.Get, path, cancellation), Json)
            ?? throw new FormatException("The departed-users answer was empty.");
    }

    /// <summary>Deletes every file of <paramref name="user"/> (their account stays; disable it first to stop new writes). Returns how many.</summary>
    public async Task<long> DeleteUserFilesAsync(PublicKey user, CancellationToken cancellation = default)
    {
        using var body = JsonDocument.Parse(await SendAsync(HttpMethod.Delete, $"/users/{user.Z32}/files", cancellation));
        return body.RootElement.GetProperty("deleted_files").GetInt64();
    }

    private async Task<string> SendAsync(HttpMethod method, string path, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, new Uri(adminUrl, path));
        request.Headers.TryAddWithoutValidation(PasswordHeader, password);
        using var response = await http.SendAsync(request, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        return response.IsSuccessStatusCode ? text : throw new PubkyRequestException(method, path, response.StatusCode, text);
    }
}
