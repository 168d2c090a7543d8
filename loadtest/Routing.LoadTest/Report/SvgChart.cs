using System.Text;
using System.Xml.Linq;
using static Routing.LoadTest.Report.SvgElements;

namespace Routing.LoadTest.Report;

/// <summary>
/// A small hand-written SVG chart: title, linear or logarithmic axes with ticks, gridlines and titles, line and
/// grouped-bar series, horizontal reference lines (targets), vertical marker lines and a legend on the right. Each series is a
/// <c>&lt;g class="series" data-series="name"&gt;</c> so the output can be checked as XML. Charts stack into one
/// file with <see cref="SvgFigure"/>.
/// </summary>
internal sealed class SvgChart
{
    public const string Namespace = SvgElements.Namespace;

    private const double Left = 84;
    private const double Top = 66;
    private const double LegendWidth = 230;
    private const int LegendCharacters = 30;

    public required string Title { get; init; }

    public string? Subtitle { get; init; }

    public required ChartAxis XAxis { get; init; }

    public required ChartAxis YAxis { get; init; }

    public required IReadOnlyList<ChartSeries> Series { get; init; }

    public IReadOnlyList<ReferenceLine> ReferenceLines { get; init; } = [];

    public IReadOnlyList<VerticalLine> VerticalLines { get; init; } = [];

    /// <summary>Width in x units a point of a bar series spans (its bin); bars of several series share it.</summary>
    public double BarSlotWidth { get; init; } = 1;

    /// <summary>Vertical gridlines at the x ticks (off for bars, where they would cross them).</summary>
    public bool VerticalGrid { get; init; } = true;

    /// <summary>Text over a bar taller than the y axis (cut at the top), e.g. its percentage; null: no text.</summary>
    public Func<double, string>? ClippedBarLabel { get; init; }

    public double Width { get; init; } = 960;

    public double Height { get; init; } = 540;

    private double Right => Width - LegendWidth;

    private double Bottom => Height - (XAxis.RotateLabels ? 104 : 64);

    public string ToSvg() => new SvgFigure([this]).ToSvg();

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element placed at <paramref name="y"/> in a figure.</summary>
    internal XElement Render(double y)
    {
        var root = new XElement(
            Svg + "svg",
            new XAttribute("class", "chart"),
            new XAttribute("x", "0"),
            new XAttribute("y", F(y)),
            new XAttribute("width", F(Width)),
            new XAttribute("height", F(Height)),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"),
            Text(Left, 28, Title, 18, "start", "bold"));
        if (Subtitle is not null)
        {
            root.Add(Text(Left, 48, Subtitle, 12, "start", fill: "#555"));
        }

        root.Add(Grid(), Axes(), Bars(), Lines(), References(), Legend());
        return root;
    }

    private XElement Grid()
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "grid"), new XAttribute("stroke", "#e5e5e5"), new XAttribute("stroke-width", "1"));
        foreach (var tick in YAxis.Ticks)
        {
            g.Add(LineElement(Left, Y(tick.Value), Right, Y(tick.Value)));
        }

        foreach (var tick in VerticalGrid ? XAxis.Ticks : [])
        {
            g.Add(LineElement(X(tick.Value), Top, X(tick.Value), Bottom));
        }

        return g;
    }

    private XElement Axes()
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "axes"), new XAttribute("font-size", "12"), new XAttribute("fill", "#222"));
        g.Add(Stroke(LineElement(Left, Bottom, Right, Bottom), "#222"), Stroke(LineElement(Left, Top, Left, Bottom), "#222"));
        foreach (var tick in XAxis.Ticks)
        {
            var x = X(tick.Value);
            g.Add(Stroke(LineElement(x, Bottom, x, Bottom + 5), "#222"));
            var label = Text(x, Bottom + 18, tick.Label, 11, XAxis.RotateLabels ? "end" : "middle");
            if (XAxis.RotateLabels)
            {
                label.Add(new XAttribute("transform", $"rotate(-40 {F(x)} {F(Bottom + 18)})"));
            }

            g.Add(label);
        }

        foreach (var tick in YAxis.Ticks)
        {
            var y = Y(tick.Value);
            g.Add(Stroke(LineElement(Left - 5, y, Left, y), "#222"), Text(Left - 8, y + 4, tick.Label, 11, "end"));
        }

        g.Add(Text((Left + Right) / 2, Height - 16, XAxis.Title, 13, "middle", "bold"));
        var yTitle = Text(22, (Top + Bottom) / 2, YAxis.Title, 13, "middle", "bold");
        yTitle.Add(new XAttribute("transform", $"rotate(-90 22 {F((Top + Bottom) / 2)})"));
        g.Add(yTitle);
        return g;
    }

    private XElement Bars()
    {
        var bars = Series.Where(s => s.Style == SeriesStyle.Bars).ToArray();
        var g = new XElement(Svg + "g", new XAttribute("class", "bars"));
        for (var i = 0; i < bars.Length; i++)
        {
            var series = SeriesGroup(bars[i]);
            series.Add(new XAttribute("fill", bars[i].Color));
            var width = BarSlotWidth * 0.8 / bars.Length;
            foreach (var point in bars[i].Points)
            {
                if (point.Y is not { } value)
                {
                    continue;
                }

                var x0 = X(point.X + (BarSlotWidth * 0.1) + (i * width));
                var x1 = X(point.X + (BarSlotWidth * 0.1) + ((i + 1) * width));
                var y = Y(value);
                series.Add(new XElement(
                    Svg + "rect",
                    new XAttribute("x", F(x0)),
                    new XAttribute("y", F(y)),
                    new XAttribute("width", F(Math.Max(0, x1 - x0))),
                    new XAttribute("height", F(Math.Max(0, Bottom - y)))));
                if (value > YAxis.Max && ClippedBarLabel is not null)
                {
                    // Written upwards inside the cut bar, ending just below the top, so labels of neighbours never overlap.
                    var (cx, cy) = ((x0 + x1) / 2 + 3.5, Top + 6);
                    var label = Text(cx, cy, ClippedBarLabel(value), 10, "end", "bold", "white");
                    label.Add(new XAttribute("class", "clipped"), new XAttribute("transform", $"rotate(-90 {F(cx)} {F(cy)})"));
                    series.Add(label);
                }
            }

            g.Add(series);
        }

        return g;
    }

    private XElement Lines()
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "lines"));
        foreach (var line in Series.Where(s => s.Style != SeriesStyle.Bars))
        {
            var series = SeriesGroup(line);
            var path = new StringBuilder();
            var pen = false;
            foreach (var point in line.Points)
            {
                if (point.Y is not { } value)
                {
                    pen = false;
                    continue;
                }

                path.Append(pen ? " L" : (path.Length == 0 ? "M" : " M")).Append(F(X(point.X))).Append(' ').Append(F(Y(value)));
                pen = true;
            }

            var element = new XElement(
                Svg + "path",
                new XAttribute("d", path.ToString()),
                new XAttribute("fill", "none"),
                new XAttribute("stroke", line.Color),
                new XAttribute("stroke-width", "2"));
            if (line.Style == SeriesStyle.DashedLine)
            {
                element.Add(new XAttribute("stroke-dasharray", "6 4"));
            }

            series.Add(element);
            if (line.Points.Count <= 48)
            {
                foreach (var point in line.Points.Where(p => p.Y is not null))
                {
                    var marker = new XElement(
                        Svg + "circle",
                        new XAttribute("cx", F(X(point.X))),
                        new XAttribute("cy", F(Y(point.Y!.Value))),
                        new XAttribute("r", point.Hollow ? "3.5" : "2.5"),
                        new XAttribute("fill", point.Hollow ? "white" : line.Color));
                    series.Add(point.Hollow ? Stroke(marker, line.Color, width: 1.5) : marker);
                }
            }

            g.Add(series);
        }

        return g;
    }

    private XElement References()
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "references"));
        foreach (var reference in ReferenceLines)
        {
            var y = Y(reference.Y);
            g.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "reference"),
                new XAttribute("data-label", reference.Label),
                Stroke(LineElement(Left, y, Right, y), reference.Color, "8 4", 1.5),
                Text(Right - 4, y - 5, reference.PlotLabel ?? reference.Label, 11, "end", fill: reference.Color)));
        }

        foreach (var vertical in VerticalLines)
        {
            // The label goes on whichever side of the line has room.
            var x = X(vertical.X);
            var room = x < (Left + Right) / 2;
            g.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "reference"),
                new XAttribute("data-label", vertical.Label),
                Stroke(LineElement(x, Top, x, Bottom), vertical.Color, "2 3", 1.5),
                Text(x + (room ? 4 : -4), Top + 14, vertical.Label, 11, room ? "start" : "end", fill: vertical.Color)));
        }

        return g;
    }

    private XElement Legend()
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "legend"), new XAttribute("font-size", "12"));
        var x = Right + 18;
        var y = Top + 4;
        foreach (var series in Series)
        {
            if (series.Style == SeriesStyle.Bars)
            {
                g.Add(new XElement(
                    Svg + "rect",
                    new XAttribute("x", F(x)),
                    new XAttribute("y", F(y - 9)),
                    new XAttribute("width", "22"),
                    new XAttribute("height", "10"),
                    new XAttribute("fill", series.Color)));
            }
            else
            {
                g.Add(Stroke(LineElement(x, y - 4, x + 22, y - 4), series.Color, series.Style == SeriesStyle.DashedLine ? "6 4" : null, 2));
            }

            y = LegendText(g, x + 30, y, series.Name);
        }

        foreach (var reference in ReferenceLines)
        {
            g.Add(Stroke(LineElement(x, y - 4, x + 22, y - 4), reference.Color, "8 4", 1.5));
            y = LegendText(g, x + 30, y, reference.Label);
        }

        foreach (var vertical in VerticalLines)
        {
            g.Add(Stroke(LineElement(x + 11, y - 10, x + 11, y + 2), vertical.Color, "2 3", 1.5));
            y = LegendText(g, x + 30, y, vertical.Label);
        }

        return g;
    }

    /// <summary>A legend label, wrapped at spaces to fit the legend; returns where the next entry goes.</summary>
    private static double LegendText(XElement legend, double x, double y, string label)
    {
        var line = new StringBuilder();
        foreach (var word in label.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > LegendCharacters)
            {
                legend.Add(Text(x, y, line.ToString(), 12, "start"));
                y += 15;
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        legend.Add(Text(x, y, line.ToString(), 12, "start"));
        return y + 20;
    }

    private static XElement SeriesGroup(ChartSeries series) => new(
        Svg + "g",
        new XAttribute("class", "series"),
        new XAttribute("data-series", series.Name),
        new XAttribute("data-style", series.Style.ToString().ToLowerInvariant()));

    private double X(double value) => Left + ((Right - Left) * Fraction(value, XAxis));

    private double Y(double value) => Bottom - ((Bottom - Top) * Fraction(value, YAxis));

    private static double Fraction(double value, ChartAxis axis)
    {
        if (!(axis.Max > axis.Min))
        {
            return 0;
        }

        return axis.Logarithmic
            ? Math.Clamp((Math.Log10(Math.Max(value, axis.Min)) - Math.Log10(axis.Min)) / (Math.Log10(axis.Max) - Math.Log10(axis.Min)), 0, 1)
            : Math.Clamp((value - axis.Min) / (axis.Max - axis.Min), 0, 1);
    }
}
