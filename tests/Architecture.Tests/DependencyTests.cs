using PubkyCluster.Architecture.Tests.Support;

namespace PubkyCluster.Architecture.Tests;

/// <summary>
/// The built assemblies and the project files against the dependency rule of README.md (its ```dependencies block,
/// see <see cref="DependencyRule"/>). Each fact lists every violation it finds, one a line.
/// </summary>
public sealed class DependencyTests
{
    private readonly Repository _repository = Repository.Current;

    [Fact]
    public void The_readme_dependency_rule_parses()
    {
        var rule = _repository.ReadRule();

        Assert.NotEmpty(rule.Projects);
    }

    [Fact]
    public void Every_project_of_the_solution_is_built_and_checked()
    {
        var violations = new List<string>();
        var projectFiles = _repository.Projects.Select(project => project.File.Path).ToHashSet();
        foreach (var listed in _repository.SolutionProjects.Where(listed => !projectFiles.Contains(listed)))
        {
            violations.Add($"{_repository.Relative(listed)} is in {Repository.SolutionFile} but not the one project of a"
                + " folder under src/ or tests/, so nothing checks it.");
        }
        foreach (var project in _repository.Projects)
        {
            if (!_repository.SolutionProjects.Contains(project.File.Path))
            {
                violations.Add($"{_repository.Relative(project.File.Path)} is not in {Repository.SolutionFile}.");
            }
            if (project.Assembly is null)
            {
                violations.Add($"{project.Folder} was not built with this test: rebuild tests/Architecture.Tests"
                    + " (it builds every src/*/*.csproj and tests/*/*.csproj first).");
            }
        }

        Violations.AssertNone(violations, "Projects the checks do not see");
    }

    [Fact]
    public void The_readme_names_every_project_under_src_and_nothing_else()
    {
        var rule = _repository.ReadRule();
        var violations = new List<string>();
        foreach (var line in rule.Projects.Where(line => _repository.Sources.All(project => project.Name != line.Name)))
        {
            violations.Add($"README.md line {line.Line} names {line.Name}, but there is no src/{line.Name}/ with a project.");
        }
        foreach (var project in _repository.Sources.Where(project => rule.Find(project.Name) is null))
        {
            violations.Add($"{project} is not in README.md's dependency rule: give it a line.");
        }

        Violations.AssertNone(violations, "The rule and src/ disagree");
    }

    [Fact]
    public void Executables_are_the_projects_the_readme_marks_exe()
    {
        var rule = _repository.ReadRule();
        var violations = new List<string>();
        foreach (var project in _repository.Sources)
        {
            var line = rule.Find(project.Name);
            if (line is null || project.Assembly is null || line.IsExecutable == project.Assembly.HasEntryPoint)
            {
                continue;
            }
            violations.Add(project.Assembly.HasEntryPoint
                ? $"{project} builds an executable, but README.md line {line.Line} does not mark it '(exe)'."
                : $"README.md line {line.Line} marks {line.Name} '(exe)', but {project} builds a library.");
        }

        Violations.AssertNone(violations, "Executables the rule does not know");
    }

    [Fact]
    public void Built_assemblies_use_only_the_projects_the_readme_allows()
    {
        var rule = _repository.ReadRule();
        var violations = new List<string>();
        foreach (var project in _repository.Projects.Where(project => project.Assembly is not null))
        {
            var line = RuleFor(rule, project);
            if (line is null)
            {
                continue;
            }
            var allowed = rule.MayUse(line.Name);
            foreach (var reference in project.Assembly!.References.Where(_repository.IsOurs))
            {
                var target = _repository.ByAssembly(reference);
                var problem = target switch
                {
                    null => $"{reference}, which no project under src/ or tests/ builds",
                    { IsSource: false } => $"the test assembly {reference}; nothing may",
                    // Executables: Nothing_references_an_executable.
                    { IsExecutable: true } => null,
                    _ when !allowed.Contains(target.Name) => $"{reference} ({target.Folder}); {line.Name} may use: {Violations.Names(allowed)}",
                    _ => null,
                };
                if (problem is not null)
                {
                    violations.Add($"{project} references {problem}.");
                }
            }
        }

        Violations.AssertNone(violations, "Built assemblies referencing what README.md's rule does not allow");
    }

    [Fact]
    public void Project_files_reference_only_the_projects_the_readme_allows()
    {
        var rule = _repository.ReadRule();
        var violations = new List<string>();
        foreach (var project in _repository.Projects)
        {
            var line = RuleFor(rule, project);
            if (line is null)
            {
                continue;
            }
            var allowed = rule.MayUse(line.Name);
            foreach (var reference in project.File.References.Where(reference => !reference.BuildOrderOnly))
            {
                var target = _repository.ByFile(reference.Target);
                var problem = target switch
                {
                    _ when reference.Include.Contains('*') => "a wildcard; name each project so that it can be checked",
                    null => $"{_repository.Relative(reference.Target)}, which is not the project of a folder under src/",
                    { IsSource: false } => $"the test project {target.Folder}; nothing may",
                    // Executables: Nothing_references_an_executable.
                    { IsExecutable: true } => null,
                    _ when !allowed.Contains(target.Name) => $"{target.Folder}; {line.Name} may use: {Violations.Names(allowed)}",
                    _ => null,
                };
                if (problem is not null)
                {
                    violations.Add($"{_repository.Relative(project.File.Path)} has a ProjectReference to {problem}.");
                }
            }
        }

        Violations.AssertNone(violations, "Project files referencing what README.md's rule does not allow");
    }

    [Fact]
    public void Built_assemblies_reference_no_framework_the_readme_bans()
    {
        var rule = _repository.ReadRule();
        var violations = new List<string>();
        foreach (var project in _repository.Projects.Where(project => project.Assembly is not null))
        {
            var line = RuleFor(rule, project);
            foreach (var framework in line?.Never ?? [])
            {
                foreach (var reference in project.Assembly!.References.Where(framework.Matches))
                {
                    violations.Add($"{project} references {reference}, but README.md line {line!.Line} says"
                        + $" {line.Name} never uses {framework}.");
                }
            }
        }

        Violations.AssertNone(violations, "Banned frameworks in built assemblies");
    }

    /// <summary>
    /// Whether a project is an executable is read from the build (an entry point), not from the rule's '(exe)'. No
    /// project under src/ may reference one, in its project file or its built assembly; a project under tests/ may
    /// reference the executables the rule's 'tests' line names (Gateway.Tests runs the built PubkyCluster.Gateway.dll
    /// as a process for its kill and restart tests, so it needs it built and copied next to it).
    /// </summary>
    [Fact]
    public void Nothing_references_an_executable()
    {
        var rule = _repository.ReadRule();
        var executables = _repository.Sources.Where(project => project.IsExecutable).ToList();
        var testsMayUse = rule.MayUse(DependencyRule.TestsName);
        var violations = new List<string>();
        foreach (var project in _repository.Projects)
        {
            var allowed = executables.Where(executable => !project.IsSource && testsMayUse.Contains(executable.Name)).ToList();
            var why = project.IsSource
                ? "nothing under src/ may"
                : $"of the executables, tests may use: {Violations.Names(allowed.Select(executable => executable.Name))}";
            foreach (var executable in executables.Except(allowed))
            {
                if (project.File.References.Any(reference => !reference.BuildOrderOnly && reference.Target == executable.File.Path))
                {
                    violations.Add($"{_repository.Relative(project.File.Path)} has a ProjectReference to the executable {executable.Folder}; {why}.");
                }
                if (executable.Assembly is not null && project.Assembly?.References.Contains(executable.Assembly.Name) == true)
                {
                    violations.Add($"{project} references the executable {executable}; {why}.");
                }
            }
        }

        Violations.AssertNone(violations, "References to executables");
    }

    private static RuleLine? RuleFor(DependencyRule rule, Project project) =>
        project.IsSource ? rule.Find(project.Name) : rule.Tests;
}
