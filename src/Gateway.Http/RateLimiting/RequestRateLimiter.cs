using System.Globalization;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.RateLimiting;

namespace PubkyCluster.Gateway.RateLimiting;

/// <summary>
/// The client API's request limits, ahead of routing as in the reference: every rule matching the request's method and
/// raw path takes one request from its client's bucket grain; the first refusal answers 429 with Retry-After, so a
/// limited request does no work. A request no rule matches makes no call at all.
/// </summary>
public sealed partial class RequestRateLimiter
{
    public const string Message = "Rate limit exceeded";

    private readonly RateLimitRule[] _rules;
    private readonly StringKeyedGrains<IRateLimitBucketGrain> _buckets;
    private readonly UserGrains _users;
    private readonly RateLimitMetrics _metrics;
    private readonly ILogger<RequestRateLimiter> _logger;

    public RequestRateLimiter(
        IOptions<RateLimitsOptions> options, IGrainFactory grains, UserGrains users, RateLimitMetrics metrics, ILogger<RequestRateLimiter> logger)
    {
        _rules = [.. options.Value.Effective.Select((rule, i) => RateLimitRule.TryCreate(rule, RateLimitsOptions.RuleKey(i), out _)!)];
        (_buckets, _users, _metrics, _logger) = (new StringKeyedGrains<IRateLimitBucketGrain>(grains), users, metrics, logger);
    }

    public static Func<HttpContext, Func<Task>, Task> Guard => (context, next) =>
        context.RequestServices.GetRequiredService<RequestRateLimiter>().InvokeAsync(context, next);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        foreach (var rule in _rules)
        {
            if (!rule.Matches(method, path) || await ClientOf(rule, context) is not { } client)
            {
                continue;
            }
            var wait = await _buckets.For($"{rule.Id}|{client}").TryAcquire(rule.Quota);
            if (wait > TimeSpan.Zero)
            {
                _metrics.Limited(rule);
                LogLimited(_logger, rule.Id, client);
                context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await PlainText.WriteAsync(context.Response, StatusCodes.Status429TooManyRequests, Message);
                return;
            }
        }
        await next();
    }

    /// <summary>The bucket's client (<c>ip:…</c> or <c>user:…</c>), or null when the rule exempts it.</summary>
    private async ValueTask<string?> ClientOf(RateLimitRule rule, HttpContext context)
    {
        if (rule.Key == RateLimitKey.User && await SignedInUser(context) is { } user)
        {
            return rule.Exempts(user) ? null : "user:" + user.Z32;
        }
        var address = ClientAddress.Of(context);
        return rule.Exempts(address) ? null : "ip:" + address;
    }

    /// <summary>The tenant, when the request carries a session of theirs that their grain knows.</summary>
    private async ValueTask<PublicKey?> SignedInUser(HttpContext context)
    {
        if (Tenant.Resolve(context.Request) is not { } tenant || SessionCookie.SecretHash(context.Request, tenant) is not { } hash)
        {
            return null;
        }
        return await _users.For(tenant.Z32).GetSession(hash) is not null ? tenant : null;
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Debug, Message = "Rate limit {Rule} refused a request from {Client}")]
    private static partial void LogLimited(ILogger logger, string rule, string client);
}
