using System.Reflection;
using System.Text.RegularExpressions;

namespace PubkyCluster.Architecture.Tests.Support;

/// <summary>A project of the repository: the one .csproj of a folder under src/ or tests/.</summary>
/// <param name="Folder">Relative to the repository, with '/': <c>src/Protocol</c>.</param>
/// <param name="Name">The folder's name, which is the project's name in the dependency rule: <c>Protocol</c>.</param>
/// <param name="IsSource"></param>
/// <param name="File"></param>
/// <param name="Assembly">Its built assembly, or null when this test's build did not build it.</param>
public sealed record Project(string Folder, string Name, bool IsSource, ProjectFile File, BuiltAssembly? Assembly)
{
    /// <summary>What the build made of it (an entry point) or, when it was not built, what its project file says.</summary>
    public bool IsExecutable => Assembly?.HasEntryPoint ?? File.DeclaresExecutable;

    public override string ToString() => Assembly is null ? Folder : $"{Folder} ({Assembly.Name})";
}

/// <summary>
/// The repository as this test's build saw it. The build records where the repository is and, for every project it
/// built first (all of src/*/ and tests/*/, by glob), where that project's assembly is
/// ([AssemblyMetadata] written by PubkyCluster.Architecture.Tests.csproj).
/// </summary>
public sealed partial class Repository
{
    private static readonly Lazy<Repository> Loaded = new(Load);

    private Repository(string root, IReadOnlyList<Project> projects, IReadOnlyList<string> solutionProjects)
    {
        Root = root;
        Projects = projects;
        SolutionProjects = solutionProjects;
    }

    public static Repository Current => Loaded.Value;

    public const string SolutionFile = "PubkyCluster.sln";

    public string Root { get; }

    /// <summary>Every project under src/ and tests/, src/ first, by folder.</summary>
    public IReadOnlyList<Project> Projects { get; }

    /// <summary>The full paths of the project files PubkyCluster.sln lists.</summary>
    public IReadOnlyList<string> SolutionProjects { get; }

    public IEnumerable<Project> Sources => Projects.Where(project => project.IsSource);

    public IEnumerable<Project> Tests => Projects.Where(project => !project.IsSource);

    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public Project? ByFile(string projectFile) => Projects.FirstOrDefault(project => project.File.Path == projectFile);

    public Project? ByAssembly(string assemblyName) =>
        Projects.FirstOrDefault(project => (project.Assembly?.Name ?? project.File.AssemblyName) == assemblyName);

    /// <summary>Names of our assemblies: the projects' ones, and any other that carries our prefixes.</summary>
    public bool IsOurs(string assemblyName) =>
        assemblyName.StartsWith("Pubky.", StringComparison.Ordinal)
        || assemblyName.StartsWith("PubkyCluster.", StringComparison.Ordinal)
        || ByAssembly(assemblyName) is not null;

    public DependencyRule ReadRule() => DependencyRule.Parse(File.ReadAllText(Path.Combine(Root, "README.md")));

    private static Repository Load()
    {
        var self = typeof(Repository).Assembly;
        var metadata = self.GetCustomAttributes<AssemblyMetadataAttribute>().ToList();
        var root = metadata.SingleOrDefault(attribute => attribute.Key == "RepositoryRoot")?.Value
            ?? throw new InvalidOperationException("The build did not record RepositoryRoot.");
        var built = metadata
            .Where(attribute => attribute.Key.EndsWith(".csproj", StringComparison.Ordinal) && attribute.Value is not null)
            .ToDictionary(attribute => Path.GetFullPath(attribute.Key), attribute => attribute.Value!);
        var projects = new List<Project>();
        foreach (var (area, isSource) in new[] { ("src", true), ("tests", false) })
        {
            foreach (var folder in Directory.GetDirectories(Path.Combine(root, area)).Order(StringComparer.Ordinal))
            {
                var files = Directory.GetFiles(folder, "*.csproj");
                if (files.Length == 0)
                {
                    // tests/Conformance is an npm suite.
                    continue;
                }
                if (files.Length > 1)
                {
                    throw new InvalidOperationException($"{folder} has {files.Length} project files; the checks expect one a folder.");
                }
                var file = ProjectFile.Read(Path.GetFullPath(files[0]));
                var assemblyPath = built.GetValueOrDefault(file.Path)
                    ?? (file.AssemblyName == self.GetName().Name ? self.Location : null);
                var assembly = assemblyPath is not null && File.Exists(assemblyPath) ? BuiltAssembly.Read(assemblyPath) : null;
                var name = Path.GetFileName(folder);
                projects.Add(new Project($"{area}/{name}", name, isSource, file, assembly));
            }
        }
        return new Repository(root, projects, ReadSolution(root));
    }

    private static List<string> ReadSolution(string root)
    {
        var solution = Path.Combine(root, SolutionFile);
        if (!File.Exists(solution))
        {
            throw new InvalidOperationException($"There is no {SolutionFile} at {root}.");
        }
        return File.ReadLines(solution)
            .Select(line => SolutionProject().Match(line))
            .Where(match => match.Success)
            .Select(match => Path.GetFullPath(Path.Combine(root, match.Groups["path"].Value.Replace('\\', '/'))))
            .ToList();
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""(?<path>[^""]+\.csproj)""")]
    private static partial Regex SolutionProject();
}
