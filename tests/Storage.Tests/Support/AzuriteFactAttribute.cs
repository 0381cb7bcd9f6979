namespace PubkyCluster.Storage.Tests.Support;

/// <summary>A fact that needs Azurite: skipped, with the reason, only when Node.js is missing.</summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (AzuriteFixture.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
