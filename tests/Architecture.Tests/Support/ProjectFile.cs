using System.Xml.Linq;

namespace PubkyCluster.Architecture.Tests.Support;

/// <summary>A ProjectReference as written: <see cref="Target"/> is the full path of the referenced project file.</summary>
/// <param name="Include"></param>
/// <param name="Target"></param>
/// <param name="BuildOrderOnly">ReferenceOutputAssembly="false": built first, but no dependency (nothing compiles
/// against it). This project's own references to every project are of that kind.</param>
public sealed record ProjectReference(string Include, string Target, bool BuildOrderOnly);

/// <summary>What the architecture checks read from a .csproj: its assembly name, whether it says it is an executable,
/// and its project references.</summary>
public sealed class ProjectFile
{
    private ProjectFile(string path, string assemblyName, bool declaresExecutable, IReadOnlyList<ProjectReference> references)
    {
        Path = path;
        AssemblyName = assemblyName;
        DeclaresExecutable = declaresExecutable;
        References = references;
    }

    public string Path { get; }

    /// <summary>&lt;AssemblyName&gt;, or the file name without .csproj as MSBuild does.</summary>
    public string AssemblyName { get; }

    /// <summary>OutputType Exe or WinExe, or the Web SDK without OutputType Library.</summary>
    public bool DeclaresExecutable { get; }

    public IReadOnlyList<ProjectReference> References { get; }

    public static ProjectFile Read(string path)
    {
        var document = XDocument.Load(path);
        var root = document.Root ?? throw new InvalidOperationException($"{path} is empty.");
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var outputType = Elements(root, "OutputType").Select(element => element.Value.Trim()).LastOrDefault();
        var isWeb = string.Equals((string?)root.Attribute("Sdk"), "Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase);
        var declaresExecutable = outputType is not null
            ? outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase)
            : isWeb;
        var references = Elements(root, "ProjectReference")
            .Select(element =>
            {
                var include = ((string?)element.Attribute("Include") ?? "").Trim();
                var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, include.Replace('\\', '/')));
                var referenceOutputAssembly = (string?)element.Attribute("ReferenceOutputAssembly")
                    ?? Elements(element, "ReferenceOutputAssembly").Select(child => child.Value).LastOrDefault();
                var buildOrderOnly = string.Equals(referenceOutputAssembly?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
                return new ProjectReference(include, target, buildOrderOnly);
            })
            .ToList();
        var assemblyName = Elements(root, "AssemblyName").Select(element => element.Value.Trim()).LastOrDefault()
            ?? System.IO.Path.GetFileNameWithoutExtension(path);
        return new ProjectFile(path, assemblyName, declaresExecutable, references);
    }

    private static IEnumerable<XElement> Elements(XElement parent, string localName) =>
        parent.Descendants().Where(element => element.Name.LocalName == localName);
}
