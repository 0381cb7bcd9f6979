using System.Text.Json;
using Pubky.Client.Errors;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Admin;

/// <summary>
/// An operator's client of a homeserver's admin listener (spec A13, B8), authenticated with <c>X-Admin-Password</c>:
/// signup tokens, disabling and enabling users, a user's usage. JSON names are snake_case as the reference writes them.
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

    private async Task<string> SendAsync(HttpMethod method, string path, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, new Uri(adminUrl, path));
        request.Headers.TryAddWithoutValidation(PasswordHeader, password);
        using var response = await http.SendAsync(request, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        return response.IsSuccessStatusCode ? text : throw new PubkyRequestException(method, path, response.StatusCode, text);
    }
}
