using Routing.Core.Agents;
using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>
/// Reports over a range [from, to): the intervals whose start lies in the range. A range made of whole intervals is
/// covered exactly; a rolling day (<see cref="RollingDay"/>) is the 96 intervals (at 15 minutes) up to the current one.
/// </summary>
public sealed partial class ServiceLevelStatistics
{
    private static readonly AgentRole[] ReportedRoles = [AgentRole.NonClinical, AgentRole.Clinician];

    /// <summary>One datapoint per interval, queue and class with traffic, ordered by interval, queue id, then most urgent class first.</summary>
    public IReadOnlyList<ServiceLevelDatapoint> Report(DateTimeOffset from, DateTimeOffset to)
    {
        var (first, last) = RangeOf(from, to);
        var datapoints = new List<ServiceLevelDatapoint>();
        var keys = new List<CategoryKey>();
        for (var index = first; index <= last; index++)
        {
            if (!_slots.TryGetValue(index, out var slot))
            {
                continue;
            }

            keys.Clear();
            foreach (var (key, bucket) in slot.Buckets)
            {
                if (!bucket.IsEmpty)
                {
                    keys.Add(key);
                }
            }

            keys.Sort(CategoryKey.Compare);
            foreach (var key in keys)
            {
                var totals = new ServiceLevelTotals();
                totals.Add(slot.Buckets[key], key.Urgency);
                datapoints.Add(totals.ToDatapoint(IntervalStart(index), IntervalStart(index + 1), key.QueueId, key.Urgency, null, null));
            }
        }

        return datapoints;
    }

    /// <summary>
    /// Every interval of the range merged into one datapoint, for one queue or all (null), one class or all (null).
    /// Merging is exact: counters add up and wait histograms merge bucket by bucket.
    /// </summary>
    public ServiceLevelDatapoint Aggregate(DateTimeOffset from, DateTimeOffset to, string? queueId = null, Urgency? urgency = null)
    {
        var (first, last) = RangeOf(from, to);
        var totals = new ServiceLevelTotals();
        for (var index = first; index <= last; index++)
        {
            if (!_slots.TryGetValue(index, out var slot))
            {
                continue;
            }

            foreach (var (key, bucket) in slot.Buckets)
            {
                if ((queueId is null || string.Equals(key.QueueId, queueId, StringComparison.Ordinal))
                    && (urgency is null || key.Urgency == urgency))
                {
                    totals.Add(bucket, key.Urgency);
                }
            }
        }

        var (start, end) = Bounds(from, to);
        var facts = queueId is null ? null : _queues.GetValueOrDefault(queueId);
        var threshold = queueId is null ? (TimeSpan?)null : facts?.Definition.SlaThreshold ?? Options.DefaultSlaThreshold;
        var target = queueId is null ? (double?)null : facts?.Definition.SlaTarget ?? Options.DefaultSlaTarget;
        return totals.ToDatapoint(start, end, queueId, urgency, threshold, target);
    }

    /// <summary>The rolling day: <see cref="Aggregate"/> from <paramref name="now"/> minus 24 hours to <paramref name="now"/>.</summary>
    public ServiceLevelDatapoint RollingDay(DateTimeOffset now, string? queueId = null, Urgency? urgency = null) =>
        Aggregate(now - TimeSpan.FromDays(1), now, queueId, urgency);

    /// <summary>Agent time per interval and role (non-clinical, then clinician) for every interval with logged-in time.</summary>
    public IReadOnlyList<OccupancyDatapoint> OccupancyReport(DateTimeOffset from, DateTimeOffset to)
    {
        var (first, last) = RangeOf(from, to);
        var datapoints = new List<OccupancyDatapoint>();
        if (first > last)
        {
            return datapoints;
        }

        var ticks = AgentTicks(first, last);
        for (var index = first; index <= last; index++)
        {
            if (!ticks.TryGetValue(index, out var times))
            {
                continue;
            }

            foreach (var role in ReportedRoles)
            {
                var point = Occupancy(index, index, role, times, null);
                if (point.LoggedIn > TimeSpan.Zero)
                {
                    datapoints.Add(point);
                }
            }
        }

        return datapoints;
    }

    /// <summary>Agent time over the range for one role or all (null), merged.</summary>
    public OccupancyDatapoint AggregateOccupancy(DateTimeOffset from, DateTimeOffset to, AgentRole? role = null)
    {
        var (first, last) = RangeOf(from, to);
        var sum = new long[IntervalSlot.RoleCount * IntervalSlot.StatusCount];
        if (first <= last)
        {
            foreach (var times in AgentTicks(first, last).Values)
            {
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += times[i];
                }
            }
        }

        var (start, end) = Bounds(from, to);
        return Occupancy(0, 0, role, sum, (start, end));
    }

    /// <summary>Interval indexes [first, last] of the intervals starting in [from, to), clipped to what is retained.</summary>
    private (long First, long Last) RangeOf(DateTimeOffset from, DateTimeOffset to)
    {
        var first = CeilInterval(from);
        var last = CeilInterval(to) - 1;
        if (!_started)
        {
            return (0, -1);
        }

        return (Math.Max(first, _retainedFrom), Math.Min(last, _newestInterval));
    }

    private (DateTimeOffset Start, DateTimeOffset End) Bounds(DateTimeOffset from, DateTimeOffset to)
    {
        var first = CeilInterval(from);
        var end = Math.Max(first, CeilInterval(to));
        return (IntervalStart(first), IntervalStart(end));
    }

    private long CeilInterval(DateTimeOffset at) => (at.UtcTicks + _intervalTicks - 1) / _intervalTicks;

    /// <summary>Counted agent time per interval, plus the time still running in each agent's state up to the last event.</summary>
    private Dictionary<long, long[]> AgentTicks(long first, long last)
    {
        var result = new Dictionary<long, long[]>();
        for (var index = first; index <= last; index++)
        {
            if (_slots.TryGetValue(index, out var slot))
            {
                result.Add(index, (long[])slot.AgentTicks.Clone());
            }
        }

        var rangeStart = first * _intervalTicks;
        var rangeEnd = (last + 1) * _intervalTicks;
        foreach (var agent in _agents.Values)
        {
            var from = Math.Max(agent.Since.UtcTicks, rangeStart);
            var to = Math.Min(LastEventAt.UtcTicks, rangeEnd);
            var at = IntervalSlot.AgentTimeIndex(agent.Role, agent.Status);
            while (from < to)
            {
                var index = from / _intervalTicks;
                var end = Math.Min((index + 1) * _intervalTicks, to);
                if (!result.TryGetValue(index, out var times))
                {
                    times = new long[IntervalSlot.RoleCount * IntervalSlot.StatusCount];
                    result.Add(index, times);
                }

                times[at] += end - from;
                from = end;
            }
        }

        return result;
    }

    private OccupancyDatapoint Occupancy(long first, long last, AgentRole? role, long[] times, (DateTimeOffset Start, DateTimeOffset End)? bounds)
    {
        Span<long> byStatus = stackalloc long[IntervalSlot.StatusCount];
        for (var r = 0; r < IntervalSlot.RoleCount; r++)
        {
            if (role is { } only && (int)only != r)
            {
                continue;
            }

            for (var s = 0; s < IntervalSlot.StatusCount; s++)
            {
                byStatus[s] += times[(r * IntervalSlot.StatusCount) + s];
            }
        }

        var (start, end) = bounds ?? (IntervalStart(first), IntervalStart(last + 1));
        return new OccupancyDatapoint(
            start,
            end,
            role,
            TimeSpan.FromTicks(byStatus[(int)AgentStatus.Available]),
            TimeSpan.FromTicks(byStatus[(int)AgentStatus.Reserved]),
            TimeSpan.FromTicks(byStatus[(int)AgentStatus.OnCall]),
            TimeSpan.FromTicks(byStatus[(int)AgentStatus.WrapUp]),
            TimeSpan.FromTicks(byStatus[(int)AgentStatus.NotReady]));
    }
}
