using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

public sealed class SustainCriteriaTests
{
    private static readonly SustainCriteria Criteria = new(P99LimitMs: 10, MaxErrorFraction: 0.01);

    [Fact]
    public void A_p99_at_the_limit_with_few_errors_is_sustained()
    {
        var (passed, reason) = Criteria.Judge(Step(p99: 10, errors: 10));

        Assert.True(passed, reason);
    }

    [Fact]
    public void A_p99_over_the_limit_is_not()
    {
        var (passed, reason) = Criteria.Judge(Step(p99: 10.2, errors: 0));

        Assert.False(passed);
        Assert.Contains("p99 10.2 ms > 10 ms", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_calls_count_against_the_rate()
    {
        // RESOURCE_EXHAUSTED is the server's correct overload answer, but a refused call was not carried.
        var (passed, reason) = Criteria.Judge(Step(p99: 1, errors: 11));

        Assert.False(passed);
        Assert.Contains("errors 1.1% > 1%", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verdict_on_few_calls_says_so()
    {
        var step = Step(p99: 3, errors: 0) with { Offered = 40, Completed = 40 };

        Assert.Contains("only 40 calls: p99 is about the max", Criteria.Judge(step).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_successful_reply_is_never_sustained()
    {
        var step = Step(p99: 0, errors: 0) with { Completed = 0, Latency = LatencySummary.Empty };

        Assert.False(Criteria.Judge(step).Passed);
    }

    private static StepResult Step(double p99, long errors) => new()
    {
        Index = 1,
        TargetRate = 100,
        MeasuredSeconds = 10,
        Offered = 1000,
        Completed = 1000 - errors,
        Latency = new LatencySummary(1000 - errors, 1, 2, p99, p99, p99, 1),
        Errors = errors == 0 ? new Dictionary<string, long>() : new Dictionary<string, long> { [ErrorCodes.ResourceExhausted] = errors },
        BehindSchedule = 0,
        HeldByInFlightCap = 0,
        DispatchLag = LatencySummary.Empty,
        MaxInFlight = 10,
    };
}
