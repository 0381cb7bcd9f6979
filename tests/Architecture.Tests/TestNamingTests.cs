using PubkyCluster.Architecture.Tests.Support;

namespace PubkyCluster.Architecture.Tests;

/// <summary>
/// Every xunit test method of the solution ([Fact], [Theory], FsCheck's [Property] and attributes derived from them)
/// is named as a snake_case sentence; the exact rule is <see cref="TestNames"/>. The methods are read from the
/// metadata of every built test assembly under tests/, this one included.
/// </summary>
public sealed class TestNamingTests
{
    private readonly Repository _repository = Repository.Current;

    [Fact]
    public void Every_test_method_of_the_solution_is_a_snake_case_sentence()
    {
        var assemblies = _repository.Tests.Where(project => project.Assembly is not null).Select(project => project.Assembly!).ToList();
        var offenders = assemblies
            .SelectMany(assembly => assembly.TestMethods
                .Where(method => !TestNames.IsSentence(method.Name))
                .Select(method => $"{assembly.Name}: {method}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var perAssembly = assemblies
            .Select(assembly => (assembly.Name, Offenders: assembly.TestMethods.Count(method => !TestNames.IsSentence(method.Name)), All: assembly.TestMethods.Count))
            .Where(count => count.Offenders > 0)
            .Select(count => $"{count.Name} {count.Offenders} of {count.All}");

        Assert.Contains(assemblies, assembly => assembly.TestMethods.Count > 0);
        Violations.AssertNone(
            offenders,
            $"Test methods not named as a snake_case sentence, such as Put_then_get_returns_the_body (regex {TestNames.Pattern};"
            + $" {string.Join(", ", perAssembly)})");
    }

    [Theory]
    [InlineData("Put_then_get_returns_the_body")]
    [InlineData("Backoff_doubles_from_the_initial_delay")]
    [InlineData("GET_of_a_missing_path_is_a_404")]
    [InlineData("A_409_when_the_DHT_has_a_newer_packet")]
    [InlineData("DHTs_answer_with_z32_keys_and_ed25519_signatures")]
    [InlineData("SHA256_of_the_secret_is_stored")]
    [InlineData("Works")]
    [InlineData("404s_are_counted")]
    [InlineData("Post_over_64_KiB_is_413")]
    [InlineData("Resolves_over_IPv4_and_IPv6")]
    public void Sentences_pass(string name)
    {
        Assert.True(TestNames.IsSentence(name), name);
    }

    [Theory]
    [InlineData("PutThenGetReturnsTheBody")]
    [InlineData("Put_thenGet")]
    [InlineData("put_then_get")]
    [InlineData("Put__then_get")]
    [InlineData("Put_then_get_")]
    [InlineData("_Put_then_get")]
    [InlineData("ETag_is_quoted")]
    [InlineData("AGrainCallTimingOutIs503")]
    [InlineData("Ed25519Signatures_verify")]
    [InlineData("Returns_PublicKey")]
    public void Run_together_words_and_lower_case_starts_fail(string name)
    {
        Assert.False(TestNames.IsSentence(name), name);
    }
}
