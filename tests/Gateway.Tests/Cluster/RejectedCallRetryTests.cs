using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization.Invocation;
using PubkyCluster.Hosting.Cluster;

namespace PubkyCluster.Gateway.Tests.Cluster;

public class RejectedCallRetryTests
{
    private readonly FakeTimeProvider _time = new();

    private RejectedCallRetry Filter => new(_time, NullLogger<RejectedCallRetry>.Instance);

    /// <summary>Waits for the filter with a generous bound; the fake clock, not this bound, decides the outcome.</summary>
    private static Task Settled(Task filtering) => filtering.WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_call_answered_at_once_is_sent_once()
    {
        var call = new ScriptedCall(Outcome.Answer);
        await Settled(Filter.Invoke(call));
        Assert.Equal(1, call.Attempts);
        Assert.Null(call.Response!.Exception);
    }

    [Theory]
    [InlineData(Outcome.Rejection)]
    [InlineData(Outcome.ThrownRejection)]
    public async Task A_rejected_call_is_sent_again_only_after_the_pause_and_its_answer_is_returned(Outcome rejection)
    {
        var call = new ScriptedCall(rejection, Outcome.Answer);
        var filtering = Filter.Invoke(call);
        Assert.Equal(1, call.Attempts);
        _time.Advance(RejectedCallRetry.Pause - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, call.Attempts);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Settled(filtering);
        Assert.Equal(2, call.Attempts);
        Assert.Null(call.Response!.Exception);
    }

    [Fact]
    public async Task A_call_rejected_every_time_gives_up_after_the_last_attempt_with_the_rejection()
    {
        var call = new ScriptedCall(Outcome.Rejection, Outcome.Rejection, Outcome.Rejection, Outcome.Answer);
        var filtering = Filter.Invoke(call);
        for (var attempt = 1; attempt < RejectedCallRetry.MaxAttempts; attempt++)
        {
            _time.Advance(RejectedCallRetry.Pause * attempt);
        }
        await Settled(filtering);
        Assert.Equal(RejectedCallRetry.MaxAttempts, call.Attempts);
        Assert.IsType<OrleansMessageRejectionException>(call.Response!.Exception);
    }

    [Theory]
    [InlineData(Outcome.Timeout, typeof(TimeoutException))]
    [InlineData(Outcome.DeadSilo, typeof(SiloUnavailableException))]
    public async Task A_call_that_timed_out_or_went_to_a_dead_silo_is_not_sent_again_because_it_may_have_run(Outcome failure, Type answered)
    {
        var call = new ScriptedCall(failure, Outcome.Answer);
        await Settled(Filter.Invoke(call));
        Assert.Equal(1, call.Attempts);
        Assert.IsType(answered, call.Response!.Exception);
    }

    /// <summary>Only the Orleans runtime makes rejections (the constructor is internal); the test makes one the same way.</summary>
    private static OrleansMessageRejectionException Rejection(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(
            typeof(OrleansMessageRejectionException), BindingFlags.Instance | BindingFlags.NonPublic, null, [message], null)!;

    public enum Outcome { Answer, Rejection, ThrownRejection, Timeout, DeadSilo }

    /// <summary>
    /// The filter's view of one outgoing call whose terminal stage (the send) answers with the scripted outcomes in
    /// turn, as Orleans' invoker does: a rejection or timeout arrives as the response's exception.
    /// </summary>
    private sealed class ScriptedCall(params Outcome[] outcomes) : IOutgoingGrainCallContext
    {
        public int Attempts { get; private set; }

        public Response? Response { get; set; }

        public Task Invoke()
        {
            var outcome = outcomes[Attempts++];
            Response = outcome switch
            {
                Outcome.Answer => Response.FromResult("done"),
                Outcome.Rejection => Response.FromException(Rejection("silo is shutting down")),
                Outcome.Timeout => Response.FromException(new TimeoutException("Response did not arrive on time")),
                Outcome.DeadSilo => Response.FromException(new SiloUnavailableException("silo is dead")),
                _ => throw Rejection("forwarding failed"),
            };
            return Task.CompletedTask;
        }

        public object? Result { get => Response?.Result; set => Response = Response.FromResult(value); }
        public IInvokable Request => throw new NotSupportedException();
        public object Grain => throw new NotSupportedException();
        public MethodInfo InterfaceMethod => throw new NotSupportedException();
        public IGrainContext? SourceContext => null;
        public GrainId? SourceId => null;
        public GrainId TargetId => default;
        public GrainInterfaceType InterfaceType => default;
        public string InterfaceName => "IUserGrain";
        public string MethodName => "Delete";
    }
}
