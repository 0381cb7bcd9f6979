namespace PubkyCluster.Tests.Node;

/// <summary>A fact that needs Node.js; skipped with a clear reason when <c>node</c> is not on PATH.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeJs.Executable is null)
        {
            Skip = "Node.js ('node') is not on PATH; the tests that drive npm packages need it.";
        }
    }
}
