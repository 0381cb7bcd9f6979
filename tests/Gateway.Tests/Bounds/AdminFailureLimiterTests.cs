using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Gateway.Bounds;

namespace PubkyCluster.Gateway.Tests.Bounds;

public sealed class AdminFailureLimiterTests
{
    private static readonly IPAddress Operator = IPAddress.Parse("198.51.100.4");

    private readonly FakeTimeProvider _clock = new();
    private readonly AdminFailureLimiter _limiter;

    public AdminFailureLimiterTests() =>
        _limiter = new AdminFailureLimiter(
            Options.Create(new BoundsOptions { AdminFailuresPerAddress = 3, AdminFailureWindow = TimeSpan.FromMinutes(5) }),
            _clock, TestMetrics.Create(), NullLogger<AdminFailureLimiter>.Instance);

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _limiter.RecordFailure(Operator);
        }
    }

    [Fact]
    public void Failures_below_the_bound_leave_the_address_free_to_try()
    {
        Fail(2);

        Assert.Null(_limiter.RetryAfter(Operator));
    }

    [Fact]
    public void Reaching_the_bound_makes_the_address_wait_out_the_window()
    {
        Fail(3);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromMinutes(4), _limiter.RetryAfter(Operator));
    }

    [Fact]
    public void The_address_may_try_again_once_the_window_has_passed()
    {
        Fail(3);

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(_limiter.RetryAfter(Operator));
    }

    [Fact]
    public void Failures_in_a_passed_window_do_not_count_toward_the_next()
    {
        Fail(2);
        _clock.Advance(TimeSpan.FromMinutes(6));

        Fail(2);

        Assert.Null(_limiter.RetryAfter(Operator));
    }

    [Fact]
    public void Another_address_is_not_held_back_by_one_that_failed()
    {
        Fail(3);

        Assert.Null(_limiter.RetryAfter(IPAddress.Parse("198.51.100.5")));
    }
}
