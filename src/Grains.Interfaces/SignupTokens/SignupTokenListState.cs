namespace PubkyCluster.Grains.SignupTokens;

/// <summary>Which signup tokens the admin listing includes (the reference's <c>state</c> query parameter).</summary>
[GenerateSerializer, Alias("pubky.SignupTokenListState")]
public enum SignupTokenListState
{
    All = 0,
    Used = 1,
    Unused = 2,
}
