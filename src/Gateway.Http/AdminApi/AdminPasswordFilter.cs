using System.Security.Cryptography;
using System.Text;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// Guards every admin route but the greeting with <c>X-Admin-Password</c>, answering the reference's 401 texts. Both
/// sides are hashed before a fixed-time comparison, so neither the content nor the length of the password leaks
/// through timing.
/// </summary>
public sealed class AdminPasswordFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Admin-Password";

    private readonly byte[] _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Password));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!context.HttpContext.Request.Headers.TryGetValue(HeaderName, out var given))
        {
            return ValueTask.FromResult<object?>(PlainText.Error(StatusCodes.Status401Unauthorized, "Missing admin password"));
        }
        var givenHash = SHA256.HashData(Encoding.UTF8.GetBytes(given.ToString()));
        return CryptographicOperations.FixedTimeEquals(givenHash, _expectedHash)
            ? next(context)
            : ValueTask.FromResult<object?>(PlainText.Error(StatusCodes.Status401Unauthorized, "Invalid admin password"));
    }
}
