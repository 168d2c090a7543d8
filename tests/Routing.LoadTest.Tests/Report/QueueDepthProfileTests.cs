using Routing.LoadTest.Report;
using Routing.V1;
using static Routing.LoadTest.Tests.Report.ReportTestRuns;

namespace Routing.LoadTest.Tests.Report;

public sealed class QueueDepthProfileTests
{
    private static readonly DateTimeOffset Midnight = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Depth_is_time_weighted_per_slot_of_the_day()
    {
        // A waits 00:00-00:10, B 00:05-00:20 (abandons), C from 00:25 to the end of the run at 00:30.
        var run = Run(
            [
                Answered("A", Scheduling, Urgency.Routine, 0, 600, start: Midnight),
                Abandoned("B", Scheduling, Urgency.Routine, 300, 900, start: Midnight),
                Waiting("C", Scheduling, Urgency.Routine, 1500, start: Midnight),
            ],
            length: TimeSpan.FromMinutes(30),
            start: Midnight);

        var profile = Assert.Single(ReportDocument.Build(run).QueueDepth);

        Assert.Equal(15, profile.SlotMinutes);
        Assert.Equal(96, profile.Slots.Count);
        Assert.Equal(new DepthSlot(0, 20.0 / 15, 2), profile.Slots[0]); // 1 for 5 min, 2 for 5, 1 for 5
        Assert.Equal(new DepthSlot(15, 10.0 / 15, 1), profile.Slots[1]); // 1 for 5 min, 0 for 5, 1 for 5
        Assert.Equal(new DepthSlot(30, null, null), profile.Slots[2]);
    }

    [Fact]
    public void Days_are_merged_by_time_of_day()
    {
        // Two days; one caller waits 00:00-00:15 on the first day only.
        var run = Run(
            [Answered("A", Scheduling, Urgency.Routine, 0, 900, start: Midnight)],
            length: TimeSpan.FromDays(2),
            start: Midnight);

        var slot = ReportDocument.Build(run).QueueDepth[0].Slots[0];

        Assert.Equal(new DepthSlot(0, 0.5, 1), slot);
    }
}
