using System.Globalization;
using Routing.LoadTest.Report;

namespace Routing.LoadTest.Stress;

/// <summary>
/// p99 and p50 OfferCall latency against offered rate, both axes logarithmic (rates and latencies span decades),
/// with the p99 limit as a dashed line and the highest sustained rate marked. Sustained steps are filled dots, the
/// rest hollow. Drawn by the report's <see cref="SvgChart"/>, like every other chart the harness writes.
/// </summary>
internal static class LatencyChart
{
    private const string P99Color = "#d84315";
    private const string P50Color = "#1565c0";

    public static string Svg(StressReport report) => Chart(report).ToSvg();

    public static SvgChart Chart(StressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Steps
            .Where(s => s.Result.Completed > 0 && !s.Result.Cancelled)
            .OrderBy(s => s.Result.TargetRate)
            .ToList();
        var limit = report.Options.P99LimitMs;
        var rates = points.Select(p => p.Result.TargetRate).DefaultIfEmpty(1).ToList();
        var latencies = points.SelectMany(p => new[] { p.Result.Latency.P50, p.Result.Latency.P99 }).Append(limit).Where(v => v > 0).ToList();
        return new SvgChart
        {
            Title = $"OfferCall latency vs offered rate (open loop, run {report.RunId})",
            Subtitle = points.Count == 0
                ? "no step had a successful reply"
                : "filled dots: steps sustained; hollow: not sustained",
            XAxis = AxisTicks.Logarithmic("offered rate (calls/s, log scale)", rates.Min() / 1.3, rates.Max() * 1.3, Label),
            YAxis = AxisTicks.Logarithmic("latency (ms, log scale)", latencies.Min() / 1.5, latencies.Max() * 1.5, Label),
            Series =
            [
                Series("p99", P99Color, points, s => s.Result.Latency.P99),
                Series("p50", P50Color, points, s => s.Result.Latency.P50),
            ],
            ReferenceLines = [new ReferenceLine(limit, string.Create(CultureInfo.InvariantCulture, $"p99 limit {limit:0.##} ms"), ChartPalette.Target)],
            VerticalLines = report.HighestSustainedRate is { } best
                ? [new VerticalLine(best, string.Create(CultureInfo.InvariantCulture, $"sustained {best:0.#}/s"), "#2e7d32")]
                : [],
        };
    }

    private static ChartSeries Series(string name, string color, List<JudgedStep> steps, Func<JudgedStep, double> value) => new(
        name,
        SeriesStyle.Line,
        color,
        steps.Where(s => value(s) > 0).Select(s => new ChartPoint(s.Result.TargetRate, value(s), Hollow: !s.Passed)).ToList());

    private static string Label(double value) => value >= 1000
        ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
