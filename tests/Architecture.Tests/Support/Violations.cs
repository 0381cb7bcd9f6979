namespace PubkyCluster.Architecture.Tests.Support;

public static class Violations
{
    /// <summary>Fails with every violation on its own line, under a headline that says which rule they break.</summary>
    public static void AssertNone(IReadOnlyCollection<string> violations, string headline)
    {
        if (violations.Count > 0)
        {
            Assert.Fail($"{headline} ({violations.Count}):" + Environment.NewLine
                + string.Join(Environment.NewLine, violations.Select(violation => "  " + violation)));
        }
    }

    public static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "nothing of ours" : string.Join(", ", list);
    }
}
