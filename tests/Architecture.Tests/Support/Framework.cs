namespace PubkyCluster.Architecture.Tests.Support;

/// <summary>
/// A framework the dependency rule can ban (<c>never:</c>), by the names of its assemblies. The README names a
/// framework by <see cref="Name"/>; a name not in <see cref="Known"/> is a typo and fails the parse.
/// </summary>
public sealed record Framework(string Name, IReadOnlyList<string> AssemblyPrefixes)
{
    public static IReadOnlyList<Framework> Known { get; } =
    [
        // Assemblies are Orleans.*; the packages are Microsoft.Orleans.*, so both are banned.
        new("Orleans", ["Orleans", "Microsoft.Orleans"]),
        new("ASP.NET Core", ["Microsoft.AspNetCore"]),
        new("Microsoft.Extensions.Hosting", ["Microsoft.Extensions.Hosting"]),
    ];

    public static Framework? Find(string name) => Known.FirstOrDefault(framework => framework.Name == name);

    /// <summary>An assembly is the framework's when its name is a prefix or starts with a prefix and a dot.</summary>
    public bool Matches(string assemblyName) =>
        AssemblyPrefixes.Any(prefix =>
            assemblyName == prefix || assemblyName.StartsWith(prefix + ".", StringComparison.Ordinal));

    public override string ToString() => Name;
}
