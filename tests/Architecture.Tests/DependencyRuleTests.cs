using PubkyCluster.Architecture.Tests.Support;

namespace PubkyCluster.Architecture.Tests;

/// <summary>The parser of README.md's dependency rule: what it reads, and that a typo fails with its line.</summary>
public sealed class DependencyRuleTests
{
    private const string Rule = """
        Some README text.

        ```dependencies
        Protocol                  never: Orleans, ASP.NET Core
        Pkarr     -> Protocol     never: Orleans
        Ports     → Protocol
        Grains    → Pkarr, Ports
        Storage   → Ports
        Host      → Grains, Storage
        Exe (exe) → Host
        tests     → Host, Exe
        ```
        """;

    [Fact]
    public void Arrows_are_followed_transitively()
    {
        var rule = DependencyRule.Parse(Rule);

        Assert.Equal(["Pkarr", "Ports", "Protocol"], rule.MayUse("Grains"));
        Assert.Equal(["Ports", "Protocol"], rule.MayUse("Storage"));
        Assert.Empty(rule.MayUse("Protocol"));
        Assert.Contains("Exe", rule.MayUse(DependencyRule.TestsName));
    }

    [Fact]
    public void Executables_and_banned_frameworks_are_read()
    {
        var rule = DependencyRule.Parse(Rule);

        Assert.True(rule.Find("Exe")!.IsExecutable);
        Assert.False(rule.Find("Host")!.IsExecutable);
        Assert.Equal(["Orleans", "ASP.NET Core"], rule.Find("Protocol")!.Never.Select(framework => framework.Name));
        Assert.Equal(["Protocol", "Pkarr", "Ports", "Grains", "Storage", "Host", "Exe"], rule.Projects.Select(line => line.Name));
    }

    [Fact]
    public void A_name_no_line_defines_fails_with_its_line()
    {
        var problem = Assert.Single(Problems(Rule.Replace("Grains    → Pkarr, Ports", "Grains    → Pkar, Ports")));

        Assert.StartsWith("line 7: 'Grains → Pkar', but no line names 'Pkar'", problem);
    }

    [Fact]
    public void An_unknown_framework_fails_with_the_known_ones()
    {
        var problem = Assert.Single(Problems(Rule.Replace("never: Orleans, ASP.NET Core", "never: Orleans, ASP.NET")));

        Assert.Equal("line 4: unknown framework 'ASP.NET' (known: Orleans, ASP.NET Core, Microsoft.Extensions.Hosting).", problem);
    }

    [Fact]
    public void An_arrow_into_an_executable_fails_outside_the_tests_line()
    {
        var problem = Assert.Single(Problems(Rule.Replace("Storage   → Ports", "Storage   → Ports, Exe")));

        Assert.Equal("line 8: 'Storage → Exe', but Exe is an executable (line 10): only the 'tests' line may point at one.", problem);
    }

    [Fact]
    public void A_cycle_fails()
    {
        var problem = Assert.Single(Problems(Rule.Replace("Ports     → Protocol", "Ports     → Storage")));

        Assert.Contains("the arrows go round: ", problem);
        Assert.Contains("Ports → Storage → Ports", problem);
    }

    [Theory]
    [InlineData("Grains    → Pkarr; Ports", "line 7: 'Pkarr; Ports' after the arrow is not a project name.")]
    [InlineData("Grains    → Pkarr,", "line 7: an empty name in the list after '→': 'Pkarr,'.")]
    [InlineData("Grains    → Pkarr → Ports", "line 7: more than one arrow in 'Grains    → Pkarr → Ports'; write 'A → B, C'.")]
    [InlineData("Grains (ex) → Pkarr", "line 7: 'Grains (ex)' is not 'Name' or 'Name (exe)'.")]
    [InlineData("Storage   → Ports", "line 8: 'Storage' already has line 7.")]
    public void A_malformed_line_fails_with_its_line(string line, string expected)
    {
        var problems = Problems(Rule.Replace("Grains    → Pkarr, Ports", line));

        Assert.Contains(expected, problems);
    }

    [Fact]
    public void A_readme_without_the_block_fails()
    {
        var problem = Assert.Single(Problems(Rule.Replace("```dependencies", "```text")));

        Assert.StartsWith("README.md has no ```dependencies block", problem);
    }

    [Fact]
    public void A_rule_without_the_tests_line_fails()
    {
        var problem = Assert.Single(Problems(Rule.Replace("tests     → Host, Exe", "")));

        Assert.StartsWith("no 'tests' line", problem);
    }

    [Fact]
    public void The_failure_message_lists_the_problems_and_the_format()
    {
        var exception = Assert.Throws<DependencyRuleException>(() => DependencyRule.Parse(Rule.Replace("Pkarr     -> Protocol", "Pkarr     => Protocol")));

        Assert.Contains("README.md's ```dependencies block does not parse:", exception.Message);
        Assert.Contains("line 5: ", exception.Message);
        Assert.Contains("Each line is: Name [(exe)] [→ Name, Name…] [never: Framework, Framework…]", exception.Message);
    }

    [Theory]
    [InlineData("Orleans.Core", "Orleans", true)]
    [InlineData("Orleans", "Orleans", true)]
    [InlineData("Microsoft.Orleans.Sdk", "Orleans", true)]
    [InlineData("OrleansLike", "Orleans", false)]
    [InlineData("Microsoft.AspNetCore.Http.Abstractions", "ASP.NET Core", true)]
    [InlineData("Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Hosting", true)]
    [InlineData("Microsoft.Extensions.Logging", "Microsoft.Extensions.Hosting", false)]
    public void Frameworks_match_assembly_names_by_prefix(string assembly, string framework, bool matches)
    {
        Assert.Equal(matches, Framework.Find(framework)!.Matches(assembly));
    }

    private static IReadOnlyList<string> Problems(string readme) =>
        Assert.Throws<DependencyRuleException>(() => DependencyRule.Parse(readme)).Problems;
}
