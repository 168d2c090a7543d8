using System.Globalization;
using Routing.LoadTest.Staffing;

namespace Routing.LoadTest.Month;

/// <summary>
/// Makes each pool's hourly roster: copied from the scenario, or derived from the forecast with the
/// <see cref="StaffingPlanner"/> (Erlang C) at the pool's target. The forecast for a pool is the calls the mix routes to
/// its queue; its handle time is their weighted mean plus the queue's wrap-up, during which an agent takes no call.
/// </summary>
internal static class RosterPlanner
{
    public static Roster Plan(MonthCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var scenario = calendar.Scenario;
        var byPool = new int[scenario.Pools.Count][];
        for (var p = 0; p < scenario.Pools.Count; p++)
        {
            var pool = scenario.Pools[p];
            var byWeekday = pool.Staffing switch
            {
                RosterStaffingSpec roster => roster.Hours,
                ErlangStaffingSpec erlang => Derive(calendar, p, erlang),
                _ => throw new InvalidOperationException($"Unknown staffing model for pool {pool.Queue}."),
            };

            var hours = new int[calendar.Days * MonthScenario.HoursPerDay];
            for (var d = 0; d < calendar.Days; d++)
            {
                var day = byWeekday[calendar.DayOfWeekOf(d)];
                for (var h = 0; h < MonthScenario.HoursPerDay; h++)
                {
                    hours[(d * MonthScenario.HoursPerDay) + h] = day[h];
                }
            }

            byPool[p] = hours;
        }

        return new Roster(calendar, scenario.Pools, byPool);
    }

    /// <summary>Share of all calls routed to the pool's queue, and their mean handle time in seconds.</summary>
    public static (double Share, double MeanHandleSeconds) Demand(MonthScenario scenario, string queue)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var totalShare = scenario.Mix.Sum(k => k.Share);
        var share = 0.0;
        var handle = 0.0;
        foreach (var kind in scenario.Mix)
        {
            var s = kind.Share / totalShare * kind.ShareTo(queue);
            share += s;
            handle += s * kind.HandleTime.MeanSeconds;
        }

        return (share, share > 0 ? handle / share : 0);
    }

    private static Dictionary<DayOfWeek, IReadOnlyList<int>> Derive(MonthCalendar calendar, int poolIndex, ErlangStaffingSpec spec)
    {
        var scenario = calendar.Scenario;
        var pool = scenario.Pools[poolIndex];
        var (share, handle) = Demand(scenario, pool.Queue);
        var planner = share > 0 ? new StaffingPlanner(handle + pool.WrapUp.TotalSeconds, spec.ThresholdSeconds, spec.Target, null) : null;
        var roster = new Dictionary<DayOfWeek, IReadOnlyList<int>>();
        foreach (var weekday in Enum.GetValues<DayOfWeek>())
        {
            var hours = new int[MonthScenario.HoursPerDay];
            for (var h = 0; h < hours.Length; h++)
            {
                var callsPerHour = calendar.ExpectedCalls(weekday, h) * share;
                if (planner is null || callsPerHour <= 0)
                {
                    continue;
                }

                var agents = (int)Math.Ceiling(planner.RequiredAgents(callsPerHour) * spec.Scale) + spec.ExtraAgents;
                hours[h] = Math.Max(1, agents);
                if (hours[h] > spec.MaxAgents)
                {
                    throw new ScenarioException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"scenario {scenario.Name}: pools[{poolIndex}].staffing.maxAgents is {spec.MaxAgents}, but {weekday} {h:00}:00 needs {hours[h]} agents for {callsPerHour:0} calls/h (Erlang C at {spec.Target:0.##} within {spec.ThresholdSeconds:0} s)"));
                }
            }

            roster[weekday] = hours;
        }

        return roster;
    }
}
