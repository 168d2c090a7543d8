namespace Routing.LoadTest.Report;

/// <summary>A tick on an axis: where, and the text under or beside it.</summary>
internal sealed record AxisTick(double Value, string Label);

/// <summary>An axis from <paramref name="Min"/> to <paramref name="Max"/> with labelled ticks.</summary>
/// <param name="RotateLabels">Slant the tick labels (long category names on the x axis).</param>
/// <param name="Logarithmic">Log10 scale (values that span decades, such as rates and latencies); Min must be above 0.</param>
internal sealed record ChartAxis(string Title, double Min, double Max, IReadOnlyList<AxisTick> Ticks, bool RotateLabels = false, bool Logarithmic = false);

internal enum SeriesStyle
{
    Line,
    DashedLine,

    /// <summary>Bars from each point's X to X + <see cref="SvgChart.BarSlotWidth"/>; several bar series stand side by side.</summary>
    Bars,
}

/// <summary>A point; a null Y leaves a gap in a line (no data there). A hollow point is drawn as a ring (e.g. a failed step).</summary>
internal sealed record ChartPoint(double X, double? Y, bool Hollow = false);

internal sealed record ChartSeries(string Name, SeriesStyle Style, string Color, IReadOnlyList<ChartPoint> Points);

/// <summary>A horizontal line across the plot, e.g. the service-level target.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="PlotLabel">Text on the line itself; null: the legend text.</param>
internal sealed record ReferenceLine(double Y, string Label, string Color, string? PlotLabel = null);

/// <summary>A vertical line down the plot at <paramref name="X"/>, e.g. the highest rate a run sustained.</summary>
internal sealed record VerticalLine(double X, string Label, string Color);

/// <summary>Colours that stay apart from one another (Tableau 10), and the target line's.</summary>
internal static class ChartPalette
{
    public const string Target = "#d62728";

    private static readonly string[] Colors =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    public static string Color(int index) => Colors[((index % Colors.Length) + Colors.Length) % Colors.Length];
}
