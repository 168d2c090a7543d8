using System.Xml.Linq;
using Routing.LoadTest.Report;
using static Routing.LoadTest.Tests.Report.ReportTestRuns;

namespace Routing.LoadTest.Tests.Report;

public sealed class ReportChartsTests
{
    private static readonly XNamespace Svg = SvgChart.Namespace;

    private readonly ReportDocument _report = ReportDocument.Build(Mixed());

    [Fact]
    public void Service_level_chart_has_a_line_per_queue_and_the_targets()
    {
        var svg = Parse(ReportCharts.ServiceLevelByHour(_report, "strict"));

        Assert.Equal(["clinical-triage", "scheduling"], SeriesNames(svg));
        Assert.Equal(["target 95%: clinical-triage", "target 80%: scheduling"], svg.Descendants(Svg + "g")
            .Where(g => (string?)g.Attribute("class") == "reference").Select(g => (string?)g.Attribute("data-label")));
        Assert.Contains("Service level (strict) by hour of arrival", Texts(svg));
        Assert.Contains("hour of day (UTC)", Texts(svg));
        Assert.Contains("100%", Texts(svg));
        Assert.Contains("08:00", Texts(svg));

        // Only hours with calls are drawn: scheduling has calls at 08 only, so one point, one move, no segment.
        var scheduling = Series(svg, "scheduling");
        Assert.Single(scheduling.Elements(Svg + "circle"));
        Assert.DoesNotContain("L", (string?)scheduling.Element(Svg + "path")!.Attribute("d"), StringComparison.Ordinal);
    }

    [Fact]
    public void Depth_chart_has_a_mean_panel_and_a_max_panel_with_a_line_per_queue()
    {
        var svg = XDocument.Parse(ReportCharts.QueueDepth(_report).ToSvg());

        var panels = svg.Root!.Elements(Svg + "svg").ToArray();
        Assert.Equal(["0", "420"], panels.Select(p => (string?)p.Attribute("y")));
        Assert.Equal("0 0 960 840", (string?)svg.Root.Attribute("viewBox"));
        foreach (var panel in panels)
        {
            Assert.Equal(["clinical-triage", "scheduling"], panel.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(g => (string?)g.Attribute("data-series")));
        }

        Assert.Contains("Queue depth across the day: mean", Texts(svg));
        Assert.Contains("Queue depth across the day: max", Texts(svg));
        Assert.Contains("callers waiting (max)", Texts(svg));

        // Calls arrive 08:00-08:15 and at 11:50: the axis runs 06:00 (an hour's margin, to an even hour) to 14:00.
        Assert.Equal("06:00", Texts(svg).First(t => t.EndsWith(":00", StringComparison.Ordinal)));
        Assert.Contains("14:00", Texts(svg));
        Assert.DoesNotContain("15:00", Texts(svg));
    }

    [Fact]
    public void Wait_chart_has_bars_per_category_with_their_counts()
    {
        var svg = Parse(ReportCharts.WaitDistribution(_report));

        Assert.Equal(["administrative (n=5)", "clinical (n=5)"], SeriesNames(svg));
        Assert.Equal(5, Series(svg, "administrative (n=5)").Elements(Svg + "rect").Count(r => (string?)r.Attribute("height") != "0"));
        Assert.Contains("≥2h", Texts(svg));
        Assert.DoesNotContain(svg.Descendants(Svg + "text"), t => (string?)t.Attribute("class") == "clipped"); // no bin towers over the rest
    }

    [Fact]
    public void A_towering_wait_bin_is_cut_and_labelled()
    {
        var calls = Enumerable.Range(0, 100).Select(i => Answered($"a{i}", Scheduling, Routing.V1.Urgency.Routine, i, i < 90 ? 1 : 40)).ToList();
        calls.Add(Answered("b", Scheduling, Routing.V1.Urgency.Routine, 0, 100));
        var svg = Parse(ReportCharts.WaitDistribution(ReportDocument.Build(Run(calls))));

        // 90 of 101 at once, 10 at 40 s, 1 at 100 s: the first bin is cut at 1.5 x 9.9% and printed.
        Assert.Equal(["89.1%"], svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "clipped").Select(t => t.Value));
        Assert.Contains("15%", Texts(svg));
    }

    [Fact]
    public void Every_chart_is_well_formed_svg()
    {
        var charts = ReportCharts.All(_report);

        Assert.Equal(
            ["service-level-by-hour-answered-only.svg", "service-level-by-hour-strict.svg", "service-level-by-hour-short-abandons-excluded.svg", "queue-depth-by-time-of-day.svg", "wait-distribution.svg"],
            charts.Select(c => c.FileName));
        foreach (var (_, figure) in charts)
        {
            var svg = XDocument.Parse(figure.ToSvg());
            Assert.Equal(Svg + "svg", svg.Root!.Name);
            Assert.Equal("960", (string?)svg.Root.Attribute("width"));
            Assert.NotEmpty(SeriesNames(svg));
            Assert.NotEmpty(svg.Root.Elements(Svg + "svg"));
        }
    }

    [Fact]
    public void Text_is_escaped()
    {
        var chart = new SvgChart
        {
            Title = "a < b & \"c\"",
            XAxis = AxisTicks.Linear("x", 0, 10, AxisTicks.Number),
            YAxis = AxisTicks.Linear("y", 0, 1, AxisTicks.Percent),
            Series = [new ChartSeries("<queue>", SeriesStyle.Line, "#000", [new ChartPoint(1, 0.5), new ChartPoint(2, null), new ChartPoint(3, 0.25)])],
        };

        var svg = Parse(chart);

        Assert.Contains("a < b & \"c\"", Texts(svg));
        Assert.Equal(["<queue>"], SeriesNames(svg));
        Assert.Equal(2, ((string?)Series(svg, "<queue>").Element(Svg + "path")!.Attribute("d"))!.Count(c => c == 'M'));
    }

    [Fact]
    public void A_logarithmic_axis_spaces_decades_evenly_with_ticks_at_one_two_and_five()
    {
        var axis = AxisTicks.Logarithmic("rate", 10, 1000, AxisTicks.Number);
        var chart = new SvgChart
        {
            Title = "log",
            XAxis = axis,
            YAxis = AxisTicks.Linear("y", 0, 1, AxisTicks.Number),
            Series = [new ChartSeries("s", SeriesStyle.Line, "#000", [new ChartPoint(10, 0.5), new ChartPoint(100, 0.5), new ChartPoint(1000, 0.5, Hollow: true)])],
        };

        var xs = Series(Parse(chart), "s").Elements(Svg + "circle")
            .Select(c => double.Parse((string)c.Attribute("cx")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(["10", "20", "50", "100", "200", "500", "1000"], axis.Ticks.Select(t => t.Label));
        Assert.Equal(xs[1] - xs[0], xs[2] - xs[1], precision: 1);
        Assert.Equal("white", (string?)Series(Parse(chart), "s").Elements(Svg + "circle").Last().Attribute("fill"));
    }

    private static XDocument Parse(SvgChart chart) => XDocument.Parse(chart.ToSvg());

    private static IEnumerable<string?> SeriesNames(XDocument svg) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(g => (string?)g.Attribute("data-series"));

    private static XElement Series(XDocument svg, string name) =>
        svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "series" && (string?)g.Attribute("data-series") == name);

    private static List<string> Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
}
