namespace Routing.LoadTest.Report;

/// <summary>
/// Count, mean and nearest-rank percentiles (rank = ceil(p × n), the core's rule) of a set of durations, exact (from
/// the sorted values, not a histogram). Null figures when there are no values.
/// </summary>
internal sealed record DurationStats(
    long Count,
    double? MeanSeconds,
    double? P50Seconds,
    double? P90Seconds,
    double? P95Seconds,
    double? P99Seconds,
    double? MaxSeconds)
{
    public static DurationStats Empty { get; } = new(0, null, null, null, null, null, null);

    public static DurationStats Of(IEnumerable<double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var sorted = seconds.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        return new DurationStats(
            sorted.Length,
            sorted.Average(),
            NearestRank(sorted, 0.50),
            NearestRank(sorted, 0.90),
            NearestRank(sorted, 0.95),
            NearestRank(sorted, 0.99),
            sorted[^1]);
    }

    /// <summary>The value of rank ceil(p × n) (1-based) in <paramref name="sorted"/>.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1.0);
        // ceil(p × n) in integers (p in millionths), so 0.95 × 100 is rank 95, never 96 by rounding error.
        var millionths = (long)Math.Round(p * 1_000_000);
        var rank = ((millionths * sorted.Count) + 999_999) / 1_000_000;
        return sorted[(int)Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
