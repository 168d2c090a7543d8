using System.Globalization;
using System.Text;

namespace Routing.LoadTest.Stress;

/// <summary>
/// p99 and p50 OfferCall latency against offered rate as a hand-written SVG, both axes logarithmic (rates and
/// latencies span decades), with the p99 limit as a dashed line and the highest sustained rate marked. Sustained
/// steps are filled dots, the rest hollow.
/// </summary>
internal static class LatencyChart
{
    private const double Width = 760;
    private const double Height = 440;
    private const double Left = 70;
    private const double Right = 30;
    private const double Top = 56;
    private const double Bottom = 60;

    public static string Svg(StressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Steps
            .Where(s => s.Result.Completed > 0 && !s.Result.Cancelled)
            .OrderBy(s => s.Result.TargetRate)
            .ToList();
        var limit = report.Options.P99LimitMs;
        var svg = new StringBuilder();
        void Add(FormattableString line) => svg.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Add($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">""");
        Add($"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        Add($"""<text x="{Width / 2}" y="22" text-anchor="middle" font-size="14">OfferCall latency vs offered rate (open loop, run {Escape(report.RunId)})</text>""");
        if (points.Count == 0)
        {
            Add($"""<text x="{Width / 2}" y="{Height / 2}" text-anchor="middle">no step had a successful reply</text>""");
            svg.AppendLine("</svg>");
            return svg.ToString();
        }

        var rates = points.Select(p => p.Result.TargetRate).ToList();
        var latencies = points.SelectMany(p => new[] { p.Result.Latency.P50, p.Result.Latency.P99 }).Append(limit).Where(v => v > 0).ToList();
        var x = new LogAxis(rates.Min() / 1.3, rates.Max() * 1.3, Left, Width - Right);
        var y = new LogAxis(latencies.Min() / 1.5, latencies.Max() * 1.5, Height - Bottom, Top);

        // Grid and ticks at 1, 2 and 5 times powers of ten.
        foreach (var tick in x.Ticks())
        {
            Add($"""<line x1="{x.Map(tick):0.#}" y1="{Top}" x2="{x.Map(tick):0.#}" y2="{Height - Bottom}" stroke="#e5e5e5"/>""");
            Add($"""<text x="{x.Map(tick):0.#}" y="{Height - Bottom + 16}" text-anchor="middle">{Label(tick)}</text>""");
        }

        foreach (var tick in y.Ticks())
        {
            Add($"""<line x1="{Left}" y1="{y.Map(tick):0.#}" x2="{Width - Right}" y2="{y.Map(tick):0.#}" stroke="#e5e5e5"/>""");
            Add($"""<text x="{Left - 6}" y="{y.Map(tick) + 4:0.#}" text-anchor="end">{Label(tick)}</text>""");
        }

        Add($"""<rect x="{Left}" y="{Top}" width="{Width - Left - Right}" height="{Height - Top - Bottom}" fill="none" stroke="#444"/>""");
        Add($"""<text x="{(Left + Width - Right) / 2}" y="{Height - 18}" text-anchor="middle">offered rate (calls/s, log scale)</text>""");
        Add($"""<text transform="translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)" text-anchor="middle">latency (ms, log scale)</text>""");

        Add($"""<line x1="{Left}" y1="{y.Map(limit):0.#}" x2="{Width - Right}" y2="{y.Map(limit):0.#}" stroke="#c62828" stroke-dasharray="6 4"/>""");
        Add($"""<text x="{Width - Right - 4}" y="{y.Map(limit) - 5:0.#}" text-anchor="end" fill="#c62828">p99 limit {limit:0.##} ms</text>""");
        if (report.HighestSustainedRate is { } best)
        {
            Add($"""<line x1="{x.Map(best):0.#}" y1="{Top}" x2="{x.Map(best):0.#}" y2="{Height - Bottom}" stroke="#2e7d32" stroke-dasharray="2 3"/>""");
            // Label on whichever side of the line has room.
            var right = x.Map(best) < (Left + Width - Right) / 2;
            Add($"""<text x="{x.Map(best) + (right ? 4 : -4):0.#}" y="{Top + 14}" text-anchor="{(right ? "start" : "end")}" fill="#2e7d32">sustained {best:0.#}/s</text>""");
        }

        Series("p99", "#d84315", p => p.Result.Latency.P99);
        Series("p50", "#1565c0", p => p.Result.Latency.P50);
        // Legend in a row between the title and the plot, where it cannot hide a point.
        Add($"""<g transform="translate({Left} 40)"><line x1="0" y1="-4" x2="22" y2="-4" stroke="#d84315" stroke-width="2"/><text x="28" y="0">p99</text>""");
        Add($"""<line x1="70" y1="-4" x2="92" y2="-4" stroke="#1565c0" stroke-width="2"/><text x="98" y="0">p50</text>""");
        Add($"""<circle cx="150" cy="-4" r="4" fill="#555"/><text x="158" y="0">sustained</text><circle cx="240" cy="-4" r="4" fill="white" stroke="#555" stroke-width="1.5"/><text x="248" y="0">not sustained</text></g>""");
        svg.AppendLine("</svg>");
        return svg.ToString();

        void Series(string name, string colour, Func<JudgedStep, double> value)
        {
            var drawn = points.Where(p => value(p) > 0).ToList();
            var path = string.Join(' ', drawn.Select(p => string.Create(CultureInfo.InvariantCulture, $"{x.Map(p.Result.TargetRate):0.#},{y.Map(value(p)):0.#}")));
            Add($"""<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"><title>{name}</title></polyline>""");
            foreach (var p in drawn)
            {
                var fill = p.Passed ? colour : "white";
                Add($"""<circle cx="{x.Map(p.Result.TargetRate):0.#}" cy="{y.Map(value(p)):0.#}" r="4" fill="{fill}" stroke="{colour}" stroke-width="1.5"><title>{name} {value(p):0.###} ms at {p.Result.TargetRate:0.#}/s</title></circle>""");
            }
        }
    }

    private static string Label(double value) => value >= 1000
        ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    /// <summary>A log10 axis from [min, max] in data to [from, to] in pixels.</summary>
    private sealed class LogAxis
    {
        private readonly double _logMin;
        private readonly double _logMax;
        private readonly double _from;
        private readonly double _to;

        public LogAxis(double min, double max, double from, double to)
        {
            if (max <= min)
            {
                max = min * 10;
            }

            _logMin = Math.Log10(min);
            _logMax = Math.Log10(max);
            _from = from;
            _to = to;
        }

        public double Map(double value) =>
            _from + ((Math.Log10(Math.Max(value, 1e-9)) - _logMin) / (_logMax - _logMin) * (_to - _from));

        public IEnumerable<double> Ticks()
        {
            for (var decade = Math.Floor(_logMin); decade <= Math.Ceiling(_logMax); decade++)
            {
                foreach (var m in new[] { 1.0, 2.0, 5.0 })
                {
                    var value = m * Math.Pow(10, decade);
                    var log = Math.Log10(value);
                    if (log >= _logMin && log <= _logMax)
                    {
                        yield return value;
                    }
                }
            }
        }
    }
}
