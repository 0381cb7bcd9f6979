using System.Text.Json;
using Pubky.Protocol.Auth.Grants;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users.Grants;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// The body of POST /auth/grant/session and /auth/grant/signup, <c>{"grant":"&lt;jws&gt;","pop":"&lt;jws&gt;"}</c>, with both
/// JWS verified: the grant first, then <c>grantRule</c> (signup's extra checks), then the PoP.
/// </summary>
public sealed record GrantRequest(GrantClaims Grant, PopClaims Pop)
{
    /// <summary>Two JWS of a few hundred bytes each; far more is not a grant request.</summary>
    private const int MaxBytes = 64 * 1024;

    public GrantExchange ToExchange() => new(
        Grant.GrantId, Grant.ClientId, Grant.Capabilities.ToString(), Grant.Confirmation.Z32, Grant.IssuedAt, Grant.ExpiresAt,
        Pop.Nonce);

    public static async Task<(GrantRequest? Request, IResult? Failure)> ReadAsync(
        HttpContext context, GrantVerifier verifier, Func<GrantClaims, IResult?>? grantRule = null)
    {
        var body = await SmallBody.ReadAsync(context.Request, MaxBytes, context.RequestAborted);
        if (body is null)
        {
            return (null, SmallBody.TooLarge());
        }
        if (!TryReadFields(body, out var grantText, out var popText))
        {
            return (null, PlainText.Error(422, "Failed to deserialize the JSON body into the target type: expected grant and pop"));
        }
        try
        {
            var grant = verifier.VerifyGrant(grantText);
            if (grantRule?.Invoke(grant) is { } refused)
            {
                return (null, refused);
            }
            return (new GrantRequest(grant, verifier.VerifyPop(popText, grant)), null);
        }
        catch (InvalidGrantException e)
        {
            return (null, PlainText.Error(e.IsUnauthorized ? 401 : 400, e.Message));
        }
    }

    private static bool TryReadFields(byte[] body, out string grant, out string pop)
    {
        grant = pop = "";
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("grant", out var g) || g.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("pop", out var p) || p.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            grant = g.GetString()!;
            pop = p.GetString()!;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
