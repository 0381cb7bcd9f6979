namespace PubkyCluster.Gateway.Throttling;

public static class ThrottlingServices
{
    public static IServiceCollection AddBandwidthThrottling(this IServiceCollection services) => services.AddSingleton<BandwidthBuckets>();
}
