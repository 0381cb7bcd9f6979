using PubkyCluster.Hosting.Settings;

namespace PubkyCluster.Gateway.RateLimiting;

public static class RateLimitingServices
{
    /// <summary>The RateLimits section, validated at start, and the limiter <see cref="RequestRateLimiter.Guard"/> runs.</summary>
    public static IServiceCollection AddRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(configuration, RateLimitsOptions.Section, new RateLimitsOptionsValidator());
        return services.AddSingleton<RateLimitMetrics>().AddSingleton<RequestRateLimiter>();
    }
}
