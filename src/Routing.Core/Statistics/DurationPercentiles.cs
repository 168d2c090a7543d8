namespace Routing.Core.Statistics;

/// <summary>
/// A distribution of durations (waits, times to clinician). Percentiles are nearest-rank, within 0.4% of the exact
/// sample at that rank; <see cref="Max"/> is exact. All zero when <see cref="Count"/> is 0.
/// </summary>
public sealed record DurationPercentiles(int Count, TimeSpan P50, TimeSpan P90, TimeSpan P95, TimeSpan P99, TimeSpan Max)
{
    public static DurationPercentiles Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}
