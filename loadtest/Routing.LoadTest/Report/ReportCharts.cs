using System.Globalization;
using Routing.Core.Statistics;

namespace Routing.LoadTest.Report;

/// <summary>The report's charts, drawn from the <see cref="ReportDocument"/>: file name → figure.</summary>
internal static class ReportCharts
{
    public const string QueueDepthFile = "queue-depth-by-time-of-day.svg";
    public const string WaitDistributionFile = "wait-distribution.svg";

    /// <summary>"service-level-by-hour-strict.svg" and so on, one per definition.</summary>
    public static string ServiceLevelFile(string definition) => $"service-level-by-hour-{definition}.svg";

    public static IReadOnlyList<(string FileName, SvgFigure Figure)> All(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            .. ServiceLevelDefinitions.All.Select(d => (ServiceLevelFile(d), new SvgFigure([ServiceLevelByHour(report, d)]))),
            (QueueDepthFile, QueueDepth(report)),
            (WaitDistributionFile, new SvgFigure([WaitDistribution(report)])),
        ];
    }

    /// <summary>Service level under <paramref name="definition"/> per queue by hour of arrival, with the targets.</summary>
    public static SvgChart ServiceLevelByHour(ReportDocument report, string definition)
    {
        ArgumentNullException.ThrowIfNull(report);
        var formula = ReportDefinitions.All.First(d => d.Name == definition).Meaning.Split(':', ',')[0];
        var series = report.ServiceLevelByHour
            .Select((queue, i) => new ChartSeries(
                queue.Queue,
                SeriesStyle.Line,
                ChartPalette.Color(i),
                queue.Hours.Select(h => new ChartPoint(h.Hour + 0.5, ServiceLevelFigures.Get(h.ServiceLevels, definition).Value)).ToArray()))
            .ToArray();
        var targets = report.ServiceLevelByHour
            .Where(q => q.Target is not null)
            .GroupBy(q => q.Target!.Value)
            .OrderByDescending(g => g.Key)
            .ToArray();
        var references = targets
            .Select(g => new ReferenceLine(
                g.Key,
                targets.Length == 1 ? $"target {AxisTicks.Percent(g.Key)}" : $"target {AxisTicks.Percent(g.Key)}: {string.Join(", ", g.Select(q => q.Queue))}",
                ChartPalette.Target,
                $"target {AxisTicks.Percent(g.Key)}"))
            .ToArray();

        // The y axis starts below the lowest value or target (to a round 10%), so lines near the top stay apart.
        var lowest = series.SelectMany(s => s.Points).Select(p => p.Y).OfType<double>().Concat(targets.Select(t => t.Key)).DefaultIfEmpty(0).Min();
        var bottom = Math.Clamp(Math.Floor((lowest - 0.02) * 10) / 10, 0, 0.9);
        var step = 1 - bottom <= 0.3 ? 0.05 : 0.1;
        var ticks = Enumerable.Range(0, (int)Math.Round((1 - bottom) / step) + 1).Select(i => bottom + (i * step)).ToArray();
        return new SvgChart
        {
            Title = $"Service level ({definition}) by hour of arrival",
            Subtitle = $"{formula}, W = answered within the queue's threshold T; every day of {report.Run.Scenario} merged; gaps: no calls",
            XAxis = DayAxis(report, $"hour of day ({report.Run.Clock})", 0),
            YAxis = new ChartAxis(
                bottom > 0 ? $"service level (axis from {AxisTicks.Percent(bottom)})" : "service level",
                bottom,
                1,
                ticks.Select(t => new AxisTick(t, AxisTicks.Percent(t))).ToArray()),
            Series = series,
            ReferenceLines = references,
        };
    }

    /// <summary>Callers waiting per queue across the day: time-weighted mean on top, maximum below.</summary>
    public static SvgFigure QueueDepth(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var slotMinutes = report.QueueDepth.Count > 0 ? report.QueueDepth[0].SlotMinutes : 15;
        var axis = DayAxis(report, $"time of day ({report.Run.Clock})", 1);
        return new SvgFigure(
        [
            DepthPanel(report, "mean", s => s.MeanDepth, axis, string.Create(
                CultureInfo.InvariantCulture,
                $"callers waiting (arrived, not yet answered or abandoned), time-weighted per {slotMinutes:0.#} min of the day, every day merged")),
            DepthPanel(report, "max", s => s.MaxDepth, axis, string.Create(
                CultureInfo.InvariantCulture,
                $"the most callers waiting at once in each {slotMinutes:0.#} min of the day, over every day of the run")),
        ]);
    }

    /// <summary>Answered waits, share of each category's answered calls per bin, clinical next to administrative.</summary>
    public static SvgChart WaitDistribution(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var histogram = report.WaitDistribution;
        var colors = new[] { ChartPalette.Color(0), ChartPalette.Target };
        var series = histogram.Series
            .Select((s, i) => new ChartSeries(
                string.Create(CultureInfo.InvariantCulture, $"{s.Name} (n={s.Count:N0})"),
                SeriesStyle.Bars,
                colors[i % colors.Length],
                s.Counts.Select((c, b) => new ChartPoint(b, s.Count == 0 ? null : (double)c / s.Count)).ToArray()))
            .ToArray();

        // When one bin towers over the others (most calls answered at once), cut it and print its values, so the tail shows.
        var binTops = Enumerable.Range(0, histogram.Bins.Count)
            .Select(b => series.Select(s => s.Points[b].Y ?? 0).DefaultIfEmpty(0).Max())
            .OrderDescending()
            .ToArray();
        var tallest = binTops.FirstOrDefault();
        var next = binTops.Skip(1).FirstOrDefault();
        var top = tallest > 3 * next && next > 0 ? next * 1.5 : tallest;
        return new SvgChart
        {
            Title = "Wait distribution of answered calls",
            Subtitle = tallest > top
                ? "arrival to answer; clinical classes (SAME_DAY and above) apart from administrative; bars over the top are cut, value printed"
                : "arrival to answer; clinical classes (SAME_DAY and above) apart from administrative",
            XAxis = new ChartAxis(
                "wait before answer (bins widen with the wait)",
                0,
                histogram.Bins.Count,
                histogram.Bins.Select((b, i) => new AxisTick(i + 0.5, b.Label)).ToArray(),
                RotateLabels: true),
            YAxis = AxisTicks.Linear("share of the category's answered calls", 0, Math.Max(top, 0.01), AxisTicks.Percent),
            Series = series,
            BarSlotWidth = 1,
            VerticalGrid = false,
            ClippedBarLabel = AxisTicks.Percent,
        };
    }

    private static SvgChart DepthPanel(ReportDocument report, string measure, Func<DepthSlot, double?> value, ChartAxis xAxis, string subtitle)
    {
        var series = report.QueueDepth
            .Select((queue, i) => new ChartSeries(
                queue.Queue,
                SeriesStyle.Line,
                ChartPalette.Color(i),
                queue.Slots.Select(s => new ChartPoint((s.StartMinute + (queue.SlotMinutes / 2)) / 60, value(s))).ToArray()))
            .ToArray();
        var top = series.SelectMany(s => s.Points).Select(p => p.Y).OfType<double>().DefaultIfEmpty(0).Max();
        return new SvgChart
        {
            Title = $"Queue depth across the day: {measure}",
            Subtitle = subtitle,
            XAxis = xAxis,
            YAxis = AxisTicks.Linear($"callers waiting ({measure})", 0, Math.Max(top, 1), AxisTicks.Number),
            Series = series,
            Height = 420,
        };
    }

    /// <summary>
    /// Hours of the day from the first to the last hour with arrivals (± <paramref name="marginHours"/>), to even
    /// hours; the whole day when there were none.
    /// </summary>
    private static ChartAxis DayAxis(ReportDocument report, string title, int marginHours)
    {
        var active = report.ServiceLevelByHour.SelectMany(q => q.Hours).Where(h => h.Offered > 0).Select(h => h.Hour).ToArray();
        if (active.Length == 0)
        {
            return AxisTicks.HoursOfDay(title);
        }

        var first = Math.Max(0, active.Min() - marginHours);
        var last = Math.Min(24, active.Max() + 1 + marginHours);
        first -= first % 2;
        last += last % 2;
        var every = last - first <= 12 ? 1 : 2;
        var ticks = Enumerable.Range(0, ((last - first) / every) + 1)
            .Select(i => first + (i * every))
            .Select(h => new AxisTick(h, h.ToString("00", CultureInfo.InvariantCulture) + ":00"))
            .ToArray();
        return new ChartAxis(title, first, last, ticks);
    }
}
