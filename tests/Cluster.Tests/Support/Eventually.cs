namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>Bounded retries for the moments right after a fault, when the cluster is allowed to be briefly unavailable.</summary>
public static class Eventually
{
    /// <summary>
    /// Calls <paramref name="attempt"/> until it returns true, at most <paramref name="budget"/> in total and
    /// <paramref name="maxAttempts"/> times, pausing <paramref name="pause"/> in between. Exceptions count as a failed
    /// attempt. Returns whether it succeeded and a description of the last failure.
    /// </summary>
    public static async Task<(bool Ok, int Attempts, string LastFailure)> TryAsync(
        Func<Task<(bool Ok, string Failure)>> attempt, TimeSpan budget, TimeSpan pause, int maxAttempts = 1000)
    {
        var deadline = DateTime.UtcNow + budget;
        var last = "no attempt";
        for (var i = 1; i <= maxAttempts; i++)
        {
            try
            {
                var (ok, failure) = await attempt();
                if (ok)
                {
                    return (true, i, "");
                }
                last = failure;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                last = $"{e.GetType().Name}: {e.Message}";
            }
            if (DateTime.UtcNow + pause > deadline)
            {
                return (false, i, last);
            }
            await Task.Delay(pause);
        }
        return (false, maxAttempts, last);
    }
}
