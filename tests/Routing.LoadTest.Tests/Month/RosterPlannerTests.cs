using Routing.LoadTest.Month;

namespace Routing.LoadTest.Tests.Month;

public sealed class RosterPlannerTests
{
    private static readonly MonthCalendar Calendar = new(Scenarios.Standard, Scenarios.Monday);
    private static readonly Roster Standard = RosterPlanner.Plan(Calendar);

    [Fact]
    public void Agents_work_the_open_hours_and_follow_the_volume()
    {
        for (var p = 0; p < Standard.Pools.Count; p++)
        {
            for (var h = 0; h < Standard.Hours; h++)
            {
                var hourOfDay = h % 24;
                var day = Calendar.DayOfWeekOf(h / 24);
                var open = hourOfDay is >= 8 and < 18 && day != DayOfWeek.Sunday;
                Assert.Equal(open, Standard.Agents(p, h) > 0);
            }

            // Monday 08:00 (hour 8) is the busiest hour of the month; Wednesday 08:00 (hour 56) has half its calls.
            Assert.Equal(Standard.MaxAgents[p], Standard.Agents(p, 8));
            Assert.True(Standard.Agents(p, 56) < Standard.Agents(p, 8));
        }
    }

    [Fact]
    public void The_peak_roster_is_in_the_range_service_levels_md_gives()
    {
        var clinical = Standard.Pools.Select((p, i) => (p, i)).Single(x => x.p.Clinical).i;
        var administrative = Enumerable.Range(0, Standard.Pools.Count).Where(p => p != clinical).Sum(p => Standard.Agents(p, 8));

        // 2,000 calls in Monday's 8 a.m. hour; 80/20 mix at 80% in 30 s needs about 80 schedulers and 53 nurses at
        // 1,400 calls/h, 131 and 85 at 2,300; this roster aims higher for clinicians (95% in 20 s plus two).
        Assert.InRange(administrative, 110, 200);
        Assert.InRange(Standard.Agents(clinical, 8), 60, 120);
    }

    [Fact]
    public void The_understaffed_scenario_cuts_only_clinicians()
    {
        var understaffed = RosterPlanner.Plan(new MonthCalendar(ScenarioReader.Load("understaffed-clinicians"), Scenarios.Monday));
        for (var p = 0; p < Standard.Pools.Count; p++)
        {
            var ratio = understaffed.Agents(p, 8) / (double)Standard.Agents(p, 8);
            if (Standard.Pools[p].Clinical)
            {
                Assert.InRange(ratio, 0.3, 0.5);
            }
            else
            {
                Assert.Equal(1.0, ratio);
            }
        }
    }

    [Fact]
    public void Staffing_slots_cover_every_staffed_hour()
    {
        var slots = Standard.Slots();

        Assert.Equal(Standard.Pools.Count * 26 * 10, slots.Count);
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(1), s.Length));
        Assert.Contains(slots, s => s.Clinical && s.Start == Scenarios.Monday.AddHours(8));
    }
}
