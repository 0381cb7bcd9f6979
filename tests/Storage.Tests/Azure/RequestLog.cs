using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>
/// Records every HTTP request a storage client sends (added per retry, so each attempt counts), and can hold one
/// chosen request back until the test releases it: a test decides what queues behind a request without timing anything.
/// </summary>
internal sealed class RequestLog : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<LoggedRequest> _sent = new();
    private readonly Lock _gate = new();
    private readonly List<LoggedRequest> _answered = [];
    private readonly List<(Func<LoggedRequest, bool> Match, int Count, TaskCompletionSource Done)> _waiters = [];
    private HeldRequest? _held;

    public IReadOnlyList<LoggedRequest> Sent => [.. _sent];

    /// <summary>Forgets what was sent and answered so far.</summary>
    public void Clear()
    {
        _sent.Clear();
        lock (_gate)
        {
            _answered.Clear();
        }
    }

    /// <summary>The next request that matches waits, before it is sent, until the returned hold is released.</summary>
    public HeldRequest HoldNext(Func<LoggedRequest, bool> match)
    {
        var held = new HeldRequest(match);
        _held = held;
        return held;
    }

    /// <summary>Completes once <paramref name="count"/> requests that match have been answered (since the last <see cref="Clear"/>).</summary>
    public Task WhenAnswered(Func<LoggedRequest, bool> match, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_answered.Count(match) >= count)
            {
                done.SetResult();
            }
            else
            {
                _waiters.Add((match, count, done));
            }
        }

        return done.Task;
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var request = await DescribeAsync(message);
        _sent.Enqueue(request);
        if (TakeHeld(request) is { } held)
        {
            await held.HoldAsync();
        }

        await ProcessNextAsync(message, pipeline);
        Answered(request);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The stores call the storage clients asynchronously only.");

    private HeldRequest? TakeHeld(LoggedRequest request)
    {
        var held = _held;
        return held is not null && held.Matches(request) && Interlocked.CompareExchange(ref _held, null, held) == held ? held : null;
    }

    private void Answered(LoggedRequest request)
    {
        lock (_gate)
        {
            _answered.Add(request);
            foreach (var waiter in _waiters.Where(waiter => _answered.Count(waiter.Match) >= waiter.Count).ToList())
            {
                waiter.Done.SetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private static async Task<LoggedRequest> DescribeAsync(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        string? body = null;
        if (message.Request.Content is { } content && uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal))
        {
            using var buffer = new MemoryStream();
            await content.WriteToAsync(buffer, message.CancellationToken);
            body = Encoding.UTF8.GetString(buffer.ToArray());
        }

        return new LoggedRequest(message.Request.Method.Method, uri.AbsolutePath, Uri.UnescapeDataString(uri.Query), body);
    }
}
