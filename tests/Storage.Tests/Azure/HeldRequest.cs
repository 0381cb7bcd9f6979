namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>A request <see cref="RequestLog"/> holds back until the test releases it.</summary>
internal sealed class HeldRequest(Func<LoggedRequest, bool> match)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the request is being held.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    internal bool Matches(LoggedRequest request) => match(request);

    internal Task HoldAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }
}
