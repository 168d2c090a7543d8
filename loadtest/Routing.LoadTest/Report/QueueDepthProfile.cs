namespace Routing.LoadTest.Report;

/// <summary>
/// Callers waiting in one queue across the day. Depth is derived from the calls: +1 at arrival, −1 at answer or
/// abandon (whichever came first; calls with neither wait until the run ends). Per slot of the day (the run's
/// clock), every day merged: the time-weighted mean depth and the largest depth held for any positive time.
/// </summary>
internal sealed record QueueDepthProfile(string Queue, double SlotMinutes, IReadOnlyList<DepthSlot> Slots)
{
    public static IReadOnlyList<QueueDepthProfile> Of(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var slotTicks = context.Settings.DepthInterval.Ticks;
        if (slotTicks <= 0 || TimeSpan.TicksPerDay % slotTicks != 0)
        {
            throw new InvalidOperationException("ReportSettings.DepthInterval must be positive and divide a day.");
        }

        var byQueue = context.Calls.Where(c => c.IsOffered).ToLookup(c => c.Call.QueueId, StringComparer.Ordinal);
        return context.QueueIds().Select(q => Profile(q, byQueue[q], context, slotTicks)).ToArray();
    }

    private static QueueDepthProfile Profile(string queue, IEnumerable<ClassifiedCall> calls, ReportContext context, long slotTicks)
    {
        var start = context.Run.Start.UtcTicks;
        var end = context.Run.End.UtcTicks;
        var deltas = new List<(long Ticks, int Delta)>();
        foreach (var call in calls)
        {
            deltas.Add((call.Call.ArrivedAt.UtcTicks, +1));
            var left = call.Outcome switch
            {
                CallOutcome.Answered => call.Call.AnsweredAt!.Value.UtcTicks,
                CallOutcome.Abandoned => call.Call.AbandonedAt!.Value.UtcTicks,
                _ => end,
            };
            deltas.Add((left, -1));
        }

        deltas.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
        var slots = (int)(TimeSpan.TicksPerDay / slotTicks);
        var area = new double[slots];
        var time = new long[slots];
        var max = new int[slots];
        var depth = 0;
        var next = 0;
        var t = start;
        while (next < deltas.Count && deltas[next].Ticks <= t)
        {
            depth += deltas[next++].Delta;
        }

        while (t < end)
        {
            var until = next < deltas.Count ? Math.Min(deltas[next].Ticks, end) : end;
            for (var a = t; a < until;)
            {
                var tod = context.TimeOfDayTicks(new DateTimeOffset(a, TimeSpan.Zero));
                var slot = (int)(tod / slotTicks);
                var e = Math.Min(until, a + (slotTicks - (tod % slotTicks)));
                area[slot] += (double)depth * (e - a);
                time[slot] += e - a;
                max[slot] = Math.Max(max[slot], depth);
                a = e;
            }

            t = until;
            while (next < deltas.Count && deltas[next].Ticks <= t)
            {
                depth += deltas[next++].Delta;
            }
        }

        var minutes = slotTicks / (double)TimeSpan.TicksPerMinute;
        var result = Enumerable.Range(0, slots)
            .Select(s => new DepthSlot(s * minutes, time[s] == 0 ? null : area[s] / time[s], time[s] == 0 ? null : max[s]))
            .ToArray();
        return new QueueDepthProfile(queue, minutes, result);
    }
}

/// <summary>One slot of the day: minutes since midnight of its start, mean and maximum callers waiting (null: the run never covered it).</summary>
internal sealed record DepthSlot(double StartMinute, double? MeanDepth, int? MaxDepth);
