using HdrHistogram;

namespace Routing.LoadTest.Stress;

/// <summary>Percentiles of a latency histogram, in milliseconds (all zero when nothing was recorded).</summary>
internal sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>From a histogram of microseconds.</summary>
    public static LatencySummary FromMicroseconds(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return Empty;
        }

        static double Ms(long micros) => micros / 1000.0;
        return new LatencySummary(
            count,
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()),
            histogram.GetMean() / 1000.0);
    }
}
