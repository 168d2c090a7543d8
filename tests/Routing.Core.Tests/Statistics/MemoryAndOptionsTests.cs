using Routing.Core.Agents;
using Routing.Core.Statistics;
using static Routing.Core.Tests.Statistics.StatisticsTestOptions;

namespace Routing.Core.Tests.Statistics;

public sealed class MemoryAndOptionsTests
{
    [Fact]
    public void Ended_calls_and_logged_out_agents_are_forgotten_and_old_intervals_dropped()
    {
        var s = new EventScript();
        s.LogIn("a1", 0, AgentRole.NonClinical);
        for (var hour = 0; hour < 24 * 5; hour++)
        {
            var at = hour * 3600.0;
            s.Arrive($"c{hour}", at);
            s.Offer($"c{hour}", "a1", at + 5);
            s.Answer($"c{hour}", at + 5, "a1");
            s.Complete($"c{hour}", at + 65, "a1");
            s.Ready("a1", at + 70);
        }

        s.Add(new Events.AgentLoggedOut(EventScript.At((24 * 5 * 3600.0) - 1), "a1"));
        var statistics = s.Feed();

        Assert.Equal(0, statistics.TrackedCalls);
        Assert.Equal(0, statistics.TrackedAgents);

        // Two days of 15-minute intervals before the newest one, and no more.
        Assert.InRange(statistics.RetainedIntervals, 48, (2 * 96) + 1);
        Assert.Equal(0, statistics.Aggregate(EventScript.T0, EventScript.T0.AddDays(2)).Offered);
        Assert.Equal(24, statistics.RollingDay(EventScript.At(24 * 5 * 3600.0)).Offered);
    }

    [Theory]
    [InlineData(7, 10, 2880)]      // 7 minutes does not divide a day
    [InlineData(15, -1, 2880)]     // negative short-abandon time
    [InlineData(15, 10, 5)]        // retention shorter than an interval
    public void Invalid_options_are_refused(int intervalMinutes, int shortAbandonSeconds, int retentionMinutes)
    {
        var options = StatsOptions() with
        {
            IntervalLength = TimeSpan.FromMinutes(intervalMinutes),
            ShortAbandonThreshold = TimeSpan.FromSeconds(shortAbandonSeconds),
            Retention = TimeSpan.FromMinutes(retentionMinutes),
        };
        Assert.Single(options.Validate());
        Assert.Throws<ArgumentException>(() => new ServiceLevelStatistics(options));
    }

    [Fact]
    public void Options_take_queue_thresholds_and_deadlines_from_the_routing_options()
    {
        var routing = DefaultRouting();
        var options = StatisticsOptions.For(routing);
        Assert.Same(routing.Queues, options.Queues);
        Assert.Same(routing.Escalation, options.Escalation);
        Assert.Empty(options.Validate());

        var s = new EventScript();
        s.Arrive("a", 0, "prescriptions");
        s.Answer("a", 45);
        var tight = routing with { Queues = [.. routing.Queues.Select(q => q.Id == "prescriptions" ? q with { SlaThreshold = TimeSpan.FromSeconds(30), SlaTarget = 0.8 } : q)] };
        var point = s.Feed(new ServiceLevelStatistics(StatisticsOptions.For(tight))).Aggregate(EventScript.T0, EventScript.T0.AddHours(1), "prescriptions");
        Assert.Equal(0, point.AnsweredWithinThreshold);
        Assert.All(point.ServiceLevels, v => Assert.Equal((TimeSpan.FromSeconds(30), 0.8), (v.Threshold!.Value, v.Target!.Value)));
    }
}
