namespace Routing.LoadTest.Report;

/// <summary>One pool's staffing intervals (rows with the same start and length summed), in start order, with a lookup.</summary>
internal sealed class StaffingIntervals
{
    private readonly StaffingInterval[] _intervals;
    private readonly long[] _starts;

    /// <summary>Latest end among intervals 0..i, so a lookup stops walking back as soon as nothing earlier can hold the instant.</summary>
    private readonly long[] _maxEnds;

    public StaffingIntervals(IEnumerable<StaffingSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        _intervals = slots
            .GroupBy(s => (s.Start.UtcTicks, s.Length.Ticks))
            .Select(g => new StaffingInterval(g.First().Start, g.First().Length, g.Sum(s => s.Agents)))
            .OrderBy(i => i.Start.UtcTicks)
            .ThenBy(i => i.Length)
            .ToArray();
        _starts = _intervals.Select(i => i.Start.UtcTicks).ToArray();
        _maxEnds = new long[_intervals.Length];
        for (var i = 0; i < _intervals.Length; i++)
        {
            var end = _starts[i] + _intervals[i].Length.Ticks;
            _maxEnds[i] = i == 0 ? end : Math.Max(_maxEnds[i - 1], end);
        }
    }

    public IReadOnlyList<StaffingInterval> All => _intervals;

    /// <summary>Index of the interval holding <paramref name="instant"/> (start inclusive, end exclusive); -1 if none.</summary>
    public int IndexOf(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        var i = Array.BinarySearch(_starts, ticks);
        if (i < 0)
        {
            i = ~i - 1;
        }
        else
        {
            // Equal starts (different lengths): take the last, then walk back to one that holds the instant.
            while (i + 1 < _starts.Length && _starts[i + 1] == ticks)
            {
                i++;
            }
        }

        for (; i >= 0 && _maxEnds[i] > ticks; i--)
        {
            var interval = _intervals[i];
            if (ticks < interval.Start.UtcTicks + interval.Length.Ticks)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Agents of one pool logged in during [Start, Start + Length).</summary>
internal sealed record StaffingInterval(DateTimeOffset Start, TimeSpan Length, int Agents);
