using System.Text.RegularExpressions;

namespace PubkyCluster.Architecture.Tests.Support;

/// <summary>One line of the rule: a project (the name of its folder under src/) or the <c>tests</c> line.</summary>
public sealed record RuleLine(int Line, string Name, bool IsExecutable, IReadOnlyList<string> Uses, IReadOnlyList<Framework> Never);

/// <summary>The ```dependencies block of README.md does not parse; the message lists every problem with its line.</summary>
public sealed class DependencyRuleException(IReadOnlyList<string> problems)
    : Exception(
        "README.md's ```dependencies block does not parse:" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select(problem => "  " + problem)) + Environment.NewLine
        + "Each line is: Name [(exe)] [→ Name, Name…] [never: Framework, Framework…]; Name is a folder under src/ or"
        + " 'tests'; frameworks: " + string.Join(", ", Framework.Known.Select(framework => framework.Name)) + ".")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The dependency rule of README.md: the fenced block whose info string is <c>dependencies</c>, one line a project:
/// <code>
/// Name [(exe)] [→ Name, Name…] [never: Framework, Framework…]
/// </code>
/// <c>A → B, C</c> lets A use B and C and, transitively, whatever they may use (<c>-&gt;</c> is read as <c>→</c>).
/// <c>never:</c> lists frameworks A's own assembly must not reference (not transitive: Grains.Interfaces may use
/// Orleans though Pkarr, below it, may not). <c>(exe)</c> marks an executable; only the <c>tests</c> line, which
/// stands for every project under tests/, may point at one. The arrows must not form a cycle.
/// </summary>
public sealed partial class DependencyRule
{
    public const string TestsName = "tests";

    private const string Fence = "```";
    private const string BlockFence = Fence + "dependencies";

    private readonly IReadOnlyDictionary<string, RuleLine> _lines;

    private DependencyRule(IReadOnlyDictionary<string, RuleLine> lines)
    {
        _lines = lines;
    }

    /// <summary>The project lines, in README order, without the <c>tests</c> line.</summary>
    public IEnumerable<RuleLine> Projects => _lines.Values.Where(line => line.Name != TestsName).OrderBy(line => line.Line);

    public RuleLine Tests => _lines[TestsName];

    public RuleLine? Find(string name) => _lines.GetValueOrDefault(name);

    /// <summary>Every project <paramref name="name"/> may use: its arrows, followed transitively.</summary>
    public IReadOnlySet<string> MayUse(string name)
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(_lines[name].Uses);
        while (pending.TryPop(out var next))
        {
            if (reached.Add(next))
            {
                foreach (var further in _lines[next].Uses)
                {
                    pending.Push(further);
                }
            }
        }
        return reached;
    }

    /// <summary>Reads the rule out of the whole text of README.md.</summary>
    /// <exception cref="DependencyRuleException">The block is missing, doubled or has a line that does not parse.</exception>
    public static DependencyRule Parse(string readme)
    {
        var problems = new List<string>();
        var parsed = new List<RuleLine>();
        var block = FindBlock(readme.Split('\n'), problems);
        foreach (var (number, text) in block)
        {
            var line = ParseLine(number, text, problems);
            if (line is not null)
            {
                parsed.Add(line);
            }
        }

        var lines = new Dictionary<string, RuleLine>(StringComparer.Ordinal);
        foreach (var line in parsed)
        {
            if (!lines.TryAdd(line.Name, line))
            {
                problems.Add($"line {line.Line}: '{line.Name}' already has line {lines[line.Name].Line}.");
            }
        }
        if (problems.Count == 0 && !lines.ContainsKey(TestsName))
        {
            problems.Add($"no '{TestsName}' line: say what the projects under tests/ may use.");
        }
        foreach (var line in lines.Values)
        {
            CheckArrows(line, lines, problems);
        }
        if (problems.Count == 0)
        {
            FindCycle(lines, problems);
        }
        if (problems.Count > 0)
        {
            throw new DependencyRuleException(problems);
        }
        return new DependencyRule(lines);
    }

    private static List<(int Number, string Text)> FindBlock(string[] readme, List<string> problems)
    {
        var opened = new List<int>();
        var block = new List<(int, string)>();
        var inside = false;
        var closed = false;
        for (var index = 0; index < readme.Length; index++)
        {
            var text = readme[index].Trim();
            if (!inside && text == BlockFence)
            {
                opened.Add(index + 1);
                inside = true;
                closed = false;
            }
            else if (inside && text.StartsWith(Fence, StringComparison.Ordinal))
            {
                inside = false;
                closed = true;
            }
            else if (inside && opened.Count == 1 && text.Length > 0)
            {
                block.Add((index + 1, text));
            }
        }
        if (opened.Count == 0)
        {
            problems.Add($"README.md has no {BlockFence} block (a fenced block whose first line is {BlockFence}).");
        }
        else if (opened.Count > 1)
        {
            problems.Add($"README.md has {opened.Count} {BlockFence} blocks (lines {string.Join(", ", opened)}); keep one.");
        }
        else if (!closed)
        {
            problems.Add($"the {BlockFence} block of line {opened[0]} is never closed with {Fence}.");
        }
        else if (block.Count == 0)
        {
            problems.Add($"the {BlockFence} block of line {opened[0]} is empty.");
        }
        return block;
    }

    /// <summary>The line, or null when not even its name parses. A line with a bad list still names its project,
    /// so that the lines pointing at it do not fail too.</summary>
    private static RuleLine? ParseLine(int number, string text, List<string> problems)
    {
        var neverParts = text.Split("never:");
        if (neverParts.Length > 2)
        {
            problems.Add($"line {number}: 'never:' twice in '{text}'.");
        }
        var arrowParts = neverParts[0].Replace("->", "→", StringComparison.Ordinal).Split('→');
        if (arrowParts.Length > 2)
        {
            problems.Add($"line {number}: more than one arrow in '{text}'; write 'A → B, C'.");
        }

        var head = Head().Match(arrowParts[0].Trim());
        if (!head.Success)
        {
            problems.Add($"line {number}: '{arrowParts[0].Trim()}' is not 'Name' or 'Name (exe)'.");
            return null;
        }
        var name = head.Groups["name"].Value;
        var isExecutable = head.Groups["exe"].Success;
        if (name == TestsName && isExecutable)
        {
            problems.Add($"line {number}: '{TestsName}' is not a project and cannot be (exe).");
        }
        var uses = new List<string>();
        foreach (var used in arrowParts.Length == 2 ? List(number, arrowParts[1], "→", problems) : [])
        {
            if (Name().IsMatch(used))
            {
                uses.Add(used);
            }
            else
            {
                problems.Add($"line {number}: '{used}' after the arrow is not a project name.");
            }
        }
        var never = new List<Framework>();
        foreach (var frameworkName in neverParts.Length == 2 ? List(number, neverParts[1], "never:", problems) : [])
        {
            var framework = Framework.Find(frameworkName);
            if (framework is null)
            {
                problems.Add($"line {number}: unknown framework '{frameworkName}' (known: "
                    + string.Join(", ", Framework.Known.Select(known => known.Name)) + ").");
            }
            else
            {
                never.Add(framework);
            }
        }
        return new RuleLine(number, name, isExecutable, uses, never);
    }

    private static List<string> List(int number, string text, string after, List<string> problems)
    {
        var items = text.Split(',').Select(item => item.Trim()).ToList();
        if (items.Any(item => item.Length == 0))
        {
            problems.Add($"line {number}: an empty name in the list after '{after}': '{text.Trim()}'.");
            return [];
        }
        return items;
    }

    private static void CheckArrows(RuleLine line, Dictionary<string, RuleLine> lines, List<string> problems)
    {
        foreach (var used in line.Uses)
        {
            if (!lines.TryGetValue(used, out var target))
            {
                problems.Add($"line {line.Line}: '{line.Name} → {used}', but no line names '{used}' (names: "
                    + string.Join(", ", lines.Keys.Where(key => key != TestsName)) + ").");
            }
            else if (used == line.Name)
            {
                problems.Add($"line {line.Line}: '{line.Name}' points at itself.");
            }
            else if (used == TestsName)
            {
                problems.Add($"line {line.Line}: '{line.Name} → {TestsName}': nothing may use the tests.");
            }
            else if (target.IsExecutable && line.Name != TestsName)
            {
                problems.Add($"line {line.Line}: '{line.Name} → {used}', but {used} is an executable (line "
                    + $"{target.Line}): only the '{TestsName}' line may point at one.");
            }
        }
    }

    private static void FindCycle(Dictionary<string, RuleLine> lines, List<string> problems)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        bool Visit(string name)
        {
            var onPath = path.IndexOf(name);
            if (onPath >= 0)
            {
                var cycle = path.Skip(onPath).Append(name);
                problems.Add($"line {lines[name].Line}: the arrows go round: {string.Join(" → ", cycle)}.");
                return true;
            }
            if (!done.Add(name))
            {
                return false;
            }
            path.Add(name);
            var found = lines[name].Uses.Any(Visit);
            path.RemoveAt(path.Count - 1);
            return found;
        }

        foreach (var name in lines.Keys)
        {
            if (Visit(name))
            {
                return;
            }
        }
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)(?:\s+\((?<exe>exe)\))?$")]
    private static partial Regex Head();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*$")]
    private static partial Regex Name();
}
