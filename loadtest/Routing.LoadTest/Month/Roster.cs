using Routing.LoadTest.Report;

namespace Routing.LoadTest.Month;

/// <summary>Agents logged in per pool for every hour of the run: what the shift changes follow.</summary>
internal sealed class Roster
{
    private readonly int[][] _agents;

    public Roster(MonthCalendar calendar, IReadOnlyList<PoolSpec> pools, int[][] agentsByPoolAndHour)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(agentsByPoolAndHour);
        Calendar = calendar;
        Pools = pools;
        _agents = agentsByPoolAndHour;
        MaxAgents = [.. _agents.Select(hours => hours.Length == 0 ? 0 : hours.Max())];
    }

    public MonthCalendar Calendar { get; }

    public IReadOnlyList<PoolSpec> Pools { get; }

    /// <summary>Hours in the run.</summary>
    public int Hours => Calendar.Days * MonthScenario.HoursPerDay;

    /// <summary>Most agents a pool ever has at once: how many desktops it needs.</summary>
    public IReadOnlyList<int> MaxAgents { get; }

    /// <summary>Agents of pool <paramref name="pool"/> in hour <paramref name="hour"/> of the run (0 = midnight of day 1).</summary>
    public int Agents(int pool, int hour) => hour >= 0 && hour < Hours ? _agents[pool][hour] : 0;

    /// <summary>The roster as the report wants it: one slot per pool and staffed hour.</summary>
    public IReadOnlyList<StaffingSlot> Slots()
    {
        var slots = new List<StaffingSlot>();
        for (var h = 0; h < Hours; h++)
        {
            for (var p = 0; p < Pools.Count; p++)
            {
                if (_agents[p][h] > 0)
                {
                    slots.Add(new StaffingSlot(Calendar.Start.AddHours(h), TimeSpan.FromHours(1), Pools[p].Queue, Pools[p].Clinical, _agents[p][h]));
                }
            }
        }

        return slots;
    }
}
