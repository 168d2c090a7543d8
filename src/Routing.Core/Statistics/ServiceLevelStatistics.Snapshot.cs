using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>The live wallboard view: calls and agents now, plus the counting window's figures.</summary>
public sealed partial class ServiceLevelStatistics
{
    /// <summary>Live figures at <paramref name="now"/> with a rolling-day counting window.</summary>
    public StatisticsSnapshot Snapshot(DateTimeOffset now) => Snapshot(now, now - TimeSpan.FromDays(1));

    /// <summary>
    /// Live figures at <paramref name="now"/>: calls by their current queue and class, agents by role and state, and
    /// the cumulative figures of the intervals starting in [<paramref name="windowStart"/>, <paramref name="now"/>].
    /// </summary>
    public StatisticsSnapshot Snapshot(DateTimeOffset now, DateTimeOffset windowStart)
    {
        var firstWindow = CeilInterval(windowStart);
        var lastWindow = now.UtcTicks / _intervalTicks;
        var window = new Dictionary<CategoryKey, ServiceLevelTotals>();
        if (_started)
        {
            for (var index = Math.Max(firstWindow, _retainedFrom); index <= Math.Min(lastWindow, _newestInterval); index++)
            {
                if (!_slots.TryGetValue(index, out var slot))
                {
                    continue;
                }

                foreach (var (key, bucket) in slot.Buckets)
                {
                    if (bucket.IsEmpty)
                    {
                        continue;
                    }

                    if (!window.TryGetValue(key, out var totals))
                    {
                        totals = new ServiceLevelTotals();
                        window.Add(key, totals);
                    }

                    totals.Add(bucket, key.Urgency);
                }
            }
        }

        var live = LiveCounts(now);
        var windowStartAt = IntervalStart(firstWindow);
        var windowEndAt = IntervalStart(Math.Max(firstWindow, lastWindow + 1));

        // Queues: configured ones in order, then any other queue seen, by id.
        var queueIds = new List<string>(_configured.Length);
        foreach (var facts in _configured)
        {
            queueIds.Add(facts.Id);
        }

        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in window.Keys)
        {
            if (!_queues.ContainsKey(key.QueueId))
            {
                others.Add(key.QueueId);
            }
        }

        foreach (var key in live.Keys)
        {
            if (!_queues.ContainsKey(key.QueueId))
            {
                others.Add(key.QueueId);
            }
        }

        queueIds.AddRange(others);
        var queues = new QueueSnapshot[queueIds.Count];
        var longest = TimeSpan.Zero;
        for (var q = 0; q < queues.Length; q++)
        {
            var queueId = queueIds[q];
            var classes = new List<UrgencyClassSnapshot>();
            for (var urgency = Urgency.Emergency; urgency >= Urgency.Unspecified; urgency--)
            {
                var key = new CategoryKey(queueId, urgency);
                var hasLive = live.TryGetValue(key, out var counts);
                var hasWindow = window.TryGetValue(key, out var totals);
                if (!hasLive && !hasWindow)
                {
                    continue;
                }

                var facts = _queues.GetValueOrDefault(queueId);
                var datapoint = (totals ?? new ServiceLevelTotals()).ToDatapoint(
                    windowStartAt,
                    windowEndAt,
                    queueId,
                    urgency,
                    facts?.Definition.SlaThreshold ?? Options.DefaultSlaThreshold,
                    facts?.Definition.SlaTarget ?? Options.DefaultSlaTarget);
                counts ??= new LiveCount();
                if (counts.OldestWait > longest)
                {
                    longest = counts.OldestWait;
                }

                classes.Add(new UrgencyClassSnapshot(
                    urgency, counts.Waiting, counts.Callbacks, counts.OldestWait, counts.OldestCallbackWait, counts.InBreach, datapoint));
            }

            var agents = _queues.TryGetValue(queueId, out var configured)
                ? CountAgents(configured.Index)
                : EquatableList<AgentStateCounts>.Empty;
            queues[q] = new QueueSnapshot(queueId, new EquatableList<UrgencyClassSnapshot>(classes.ToArray()), agents);
        }

        return new StatisticsSnapshot(now, windowStartAt, new EquatableList<QueueSnapshot>(queues), CountAgents(-1), longest);
    }

    private Dictionary<CategoryKey, LiveCount> LiveCounts(DateTimeOffset now)
    {
        var live = new Dictionary<CategoryKey, LiveCount>();
        foreach (var call in _calls.Values)
        {
            var waiting = call.Place != CallPlace.Connected;
            var inBreach = call.Breached && call.ClinicianContactAt is null;
            if (!waiting && !inBreach)
            {
                continue;
            }

            var key = new CategoryKey(call.QueueId, call.Current);
            if (!live.TryGetValue(key, out var counts))
            {
                counts = new LiveCount();
                live.Add(key, counts);
            }

            if (inBreach)
            {
                counts.InBreach++;
            }

            if (!waiting)
            {
                continue;
            }

            var waited = now - call.ArrivedAt;
            if (waited < TimeSpan.Zero)
            {
                waited = TimeSpan.Zero;
            }

            if (call.IsCallback)
            {
                counts.Callbacks++;
                counts.OldestCallbackWait = waited > counts.OldestCallbackWait ? waited : counts.OldestCallbackWait;
            }
            else
            {
                counts.Waiting++;
                counts.OldestWait = waited > counts.OldestWait ? waited : counts.OldestWait;
            }
        }

        return live;
    }

    /// <summary>Logged-in agents by role and state: all of them (queue -1), or those a configured queue accepts.</summary>
    private EquatableList<AgentStateCounts> CountAgents(int queueIndex)
    {
        var counts = new int[ReportedRoles.Length, IntervalSlot.StatusCount];
        foreach (var agent in _agents.Values)
        {
            var role = Array.IndexOf(ReportedRoles, agent.Role);
            if (role >= 0 && (queueIndex < 0 || agent.Eligible[queueIndex]))
            {
                counts[role, (int)agent.Status]++;
            }
        }

        var result = new AgentStateCounts[ReportedRoles.Length];
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = new AgentStateCounts(
                ReportedRoles[r],
                counts[r, (int)AgentStatus.Available],
                counts[r, (int)AgentStatus.Reserved],
                counts[r, (int)AgentStatus.OnCall],
                counts[r, (int)AgentStatus.WrapUp],
                counts[r, (int)AgentStatus.NotReady]);
        }

        return new EquatableList<AgentStateCounts>(result);
    }

    private sealed class LiveCount
    {
        public int Waiting { get; set; }

        public int Callbacks { get; set; }

        public TimeSpan OldestWait { get; set; }

        public TimeSpan OldestCallbackWait { get; set; }

        public int InBreach { get; set; }
    }
}
