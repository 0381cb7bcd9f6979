namespace PubkyCluster.Storage.Ports;

/// <summary>Which signup tokens a listing includes.</summary>
public enum SignupTokenState
{
    All,
    Used,
    Unused,
}
