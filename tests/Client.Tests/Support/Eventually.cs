namespace Pubky.Client.Tests.Support;

/// <summary>Waits for a state that follows asynchronously (a mirror applying an event): short polls, bounded in count.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="holds"/> until true, at most 600 times 50 ms; a homeserver still coming back (refused connection) counts as not yet.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> holds)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if (await holds())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        Assert.Fail("The expected state was not reached within 600 polls (30 s).");
    }
}
