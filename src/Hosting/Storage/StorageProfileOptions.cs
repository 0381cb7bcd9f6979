namespace PubkyCluster.Hosting.Storage;

/// <summary>Where grain state, the file index, events and bodies live (configuration section "Storage").</summary>
public sealed class StorageProfileOptions
{
    public const string Section = "Storage";

    public StorageProfile Profile { get; set; } = StorageProfile.Embedded;
}

public enum StorageProfile
{
    /// <summary>SQLite and files under Homeserver:DataDirectory; one process only.</summary>
    Embedded,

    /// <summary>Azure Table and Blob (Azurite locally), configured under Storage:Azure; any number of processes.</summary>
    Azure,
}

public sealed class StorageProfileOptionsValidator : IValidateOptions<StorageProfileOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageProfileOptions options) =>
        Enum.IsDefined(options.Profile)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Storage:Profile must be Embedded or Azure, not '{options.Profile}'.");
}
