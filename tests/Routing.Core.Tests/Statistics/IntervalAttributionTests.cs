using Routing.Core.Statistics;
using Routing.Core.Urgencies;
using static Routing.Core.Tests.Statistics.StatisticsTestOptions;

namespace Routing.Core.Tests.Statistics;

public sealed class IntervalAttributionTests
{
    private static readonly DateTimeOffset T0 = EventScript.T0;

    [Fact]
    public void Calls_land_in_the_fifteen_minute_interval_of_their_first_arrival()
    {
        var script = new EventScript();
        script.Arrive("a", 0);        // 09:00:00
        script.Arrive("b", 899);      // 09:14:59, answered in the next interval
        script.Arrive("c", 900);      // 09:15:00
        script.Answer("a", 10);
        script.Answer("b", 960);
        script.Answer("c", 1000);
        script.Arrive("d", 1799);     // 09:29:59, abandoned at 09:31
        script.Abandon("d", 1860);
        script.Arrive("e", 3600);     // 10:00:00, outside [09:00, 10:00)
        var statistics = script.Feed();

        var report = statistics.Report(T0, T0.AddHours(1));
        Assert.Equal(2, report.Count);
        Assert.Equal((T0, T0.AddMinutes(15), 2, 2), (report[0].IntervalStart, report[0].IntervalEnd, report[0].Offered, report[0].Answered));
        Assert.Equal(TimeSpan.FromSeconds(61), report[0].Wait.Max);
        Assert.Equal((T0.AddMinutes(15), T0.AddMinutes(30), 2, 1, 1), (report[1].IntervalStart, report[1].IntervalEnd, report[1].Offered, report[1].Answered, report[1].Abandoned));
        Assert.Single(statistics.Report(T0.AddHours(1), T0.AddHours(2)));
    }

    [Fact]
    public void Aggregate_over_a_range_equals_the_sum_of_its_intervals()
    {
        var random = new Random(5);
        var script = new EventScript();
        var events = new List<(double At, Action Add)>();
        for (var i = 0; i < 400; i++)
        {
            var id = $"c{i}";
            var arrival = random.Next(0, 7200);
            var wait = random.Next(0, 400);
            var queue = random.Next(3) == 0 ? Clinical : Scheduling;
            var urgency = queue == Clinical ? Urgency.Urgent : Urgency.Routine;
            var outcome = random.Next(4);
            events.Add((arrival, () => script.Arrive(id, arrival, queue, urgency)));
            events.Add((arrival + wait + 0.5, outcome == 0
                ? () => script.Abandon(id, arrival + wait + 0.5, queue, safetyNet: urgency.RequiresSafetyNet())
                : () => script.Answer(id, arrival + wait + 0.5, clinician: queue == Clinical)));
        }

        foreach (var (_, add) in events.OrderBy(e => e.At))
        {
            add();
        }

        var statistics = script.Feed();
        var report = statistics.Report(T0, T0.AddHours(2));
        var total = statistics.Aggregate(T0, T0.AddHours(2));

        Assert.Equal(400, total.Offered);
        Assert.Equal(report.Sum(p => p.Offered), total.Offered);
        Assert.Equal(report.Sum(p => p.Answered), total.Answered);
        Assert.Equal(report.Sum(p => p.Abandoned), total.Abandoned);
        Assert.Equal(report.Sum(p => p.ShortAbandons), total.ShortAbandons);
        Assert.Equal(report.Sum(p => p.AnsweredWithinThreshold), total.AnsweredWithinThreshold);
        Assert.Equal(report.Sum(p => p.Wait.Count), total.Wait.Count);
        Assert.Equal(report.Max(p => p.Wait.Max), total.Wait.Max);
        Assert.Equal(report.Sum(p => p.TimeToClinician.Count), total.TimeToClinician.Count);
        Assert.Equal((T0, T0.AddHours(2)), (total.IntervalStart, total.IntervalEnd));

        // Every datapoint of one queue and class in one interval is an aggregate of that interval alone.
        foreach (var point in report)
        {
            Assert.Equal(point, statistics.Aggregate(point.IntervalStart, point.IntervalEnd, point.QueueId, point.Urgency));
        }

        // Two halves make the whole, histograms included.
        var first = statistics.Aggregate(T0, T0.AddHours(1), Scheduling, Urgency.Routine);
        var second = statistics.Aggregate(T0.AddHours(1), T0.AddHours(2), Scheduling, Urgency.Routine);
        var both = statistics.Aggregate(T0, T0.AddHours(2), Scheduling, Urgency.Routine);
        Assert.Equal(first.Offered + second.Offered, both.Offered);
        Assert.Equal(first.Wait.Count + second.Wait.Count, both.Wait.Count);
        Assert.Equal(report.Where(p => p.QueueId == Scheduling).Sum(p => p.Answered), both.Answered);
    }

    [Fact]
    public void A_range_holds_the_intervals_that_start_in_it_and_a_rolling_day_is_96_of_them()
    {
        var script = new EventScript();
        script.Arrive("early", 60);          // 09:01, interval 09:00
        script.Arrive("late", 86_400 + 60);  // next day 09:01
        var statistics = script.Feed();

        var unaligned = statistics.Aggregate(T0.AddMinutes(7), T0.AddDays(1).AddMinutes(7));
        Assert.Equal((T0.AddMinutes(15), T0.AddDays(1).AddMinutes(15)), (unaligned.IntervalStart, unaligned.IntervalEnd));
        Assert.Equal(1, unaligned.Offered); // 09:00 starts before the range, next day's 09:00 inside it

        var day = statistics.RollingDay(T0.AddDays(1).AddMinutes(2));
        Assert.Equal(TimeSpan.FromDays(1), day.IntervalEnd - day.IntervalStart);
        Assert.Equal(1, day.Offered);
    }

    [Fact]
    public void A_call_raised_to_a_clinical_class_counts_in_its_highest_class_and_final_queue()
    {
        var script = new EventScript();
        script.Arrive("x", 0, Scheduling, Urgency.Routine);
        script.Raise("x", 20, Urgency.Routine, Urgency.Emergent, redFlag: true);
        script.Add(new Events.CallQueued(EventScript.At(20), "x", Clinical, Events.QueueEntryReason.UrgencyChange));
        var statistics = script.Feed();

        // While it waits it is provisional in the class and queue it has now.
        var waiting = Assert.Single(statistics.Report(T0, T0.AddHours(1)));
        Assert.Equal((Clinical, (Urgency?)Urgency.Emergent, 1, 1), (waiting.QueueId, waiting.Urgency, waiting.Offered, waiting.Unresolved));

        script.Answer("x", 90, clinician: true);
        var statistics2 = script.Feed();
        var point = Assert.Single(statistics2.Report(T0, T0.AddHours(1)));
        Assert.Equal((Clinical, (Urgency?)Urgency.Emergent, 1, 1, 0), (point.QueueId, point.Urgency, point.Offered, point.Answered, point.Unresolved));
        Assert.Equal(0, statistics2.Aggregate(T0, T0.AddHours(1), Scheduling).Offered);
        Assert.Equal(TimeSpan.FromSeconds(90), point.TimeToClinician.Max);
    }
}
