namespace PubkyCluster.Storage.Tests.Support;

/// <summary>The Azure test classes share one Azurite; each test still works in tables and containers of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
