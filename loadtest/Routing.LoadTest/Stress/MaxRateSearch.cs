namespace Routing.LoadTest.Stress;

/// <summary>
/// Picks the rates of a --find-max run from the verdicts so far. Climbs from the start rate by a growth factor while
/// steps pass; after the first failure, bisects geometrically between the highest passing rate and the lowest failing
/// one until they are within <see cref="Resolution"/> of each other. If the very first step fails, halves until one
/// passes. The answer is the highest passing rate below every failing rate seen, so a lucky pass above a failure (a
/// noisy shared machine) is never reported.
/// </summary>
internal sealed class MaxRateSearch
{
    private readonly List<(double Rate, bool Passed)> _verdicts = [];
    private int _steps;

    public MaxRateSearch(double startRate, double growth = 1.5, double resolution = 1.1, int maxSteps = 25, double maxRate = 1_000_000, double minRate = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(startRate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(growth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resolution, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSteps);
        StartRate = startRate;
        Growth = growth;
        Resolution = resolution;
        MaxSteps = maxSteps;
        MaxRate = Math.Max(maxRate, startRate);
        MinRate = minRate;
    }

    public double StartRate { get; }

    public double Growth { get; }

    /// <summary>Bisection stops when lowest failing / highest passing is at most this.</summary>
    public double Resolution { get; }

    public int MaxSteps { get; }

    public double MaxRate { get; }

    public double MinRate { get; }

    /// <summary>The highest rate sustained so far (below every failing rate), or null.</summary>
    public double? HighestSustained { get; private set; }

    /// <summary>The lowest failing rate above <see cref="HighestSustained"/>, or null.</summary>
    public double? LowestFailed { get; private set; }

    /// <summary>Why the search ended (null while it runs).</summary>
    public string? StopReason { get; private set; }

    /// <summary>The rate to run next, or null when the search is over (see <see cref="StopReason"/>).</summary>
    public double? NextRate()
    {
        if (StopReason is not null)
        {
            return null;
        }

        if (_steps >= MaxSteps)
        {
            return Stop($"reached --max-steps {MaxSteps}");
        }

        switch (HighestSustained, LowestFailed)
        {
            case (null, null):
                return StartRate;
            case ({ } lo, null):
                return lo >= MaxRate ? Stop($"reached the search's ceiling of {MaxRate:0.##}/s without a failure") : Math.Min(lo * Growth, MaxRate);
            case (null, { } hi):
                var lower = hi / 2;
                return lower < MinRate ? Stop($"no rate down to {MinRate:0.##}/s was sustained") : lower;
            case ({ } lo, { } hi):
                return hi / lo <= Resolution ? Stop($"bracketed within {(Resolution - 1):0.#%}") : Math.Sqrt(lo * hi);
        }
    }

    public void Record(double rate, bool passed)
    {
        _steps++;
        _verdicts.Add((rate, passed));
        (HighestSustained, LowestFailed) = Bracket(_verdicts);
    }

    /// <summary>
    /// The highest passing rate below every failing rate, and the lowest failing rate above it (each null if none).
    /// Also what a run of fixed --steps reports.
    /// </summary>
    public static (double? HighestSustained, double? LowestFailed) Bracket(IEnumerable<(double Rate, bool Passed)> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var all = verdicts.ToList();
        var lowestFailure = all.Where(v => !v.Passed).Select(v => (double?)v.Rate).Min();
        var sustained = all.Where(v => v.Passed && (lowestFailure is null || v.Rate < lowestFailure)).Select(v => (double?)v.Rate).Max();
        var failedAbove = all.Where(v => !v.Passed && (sustained is null || v.Rate > sustained)).Select(v => (double?)v.Rate).Min();
        return (sustained, failedAbove);
    }

    private double? Stop(string reason)
    {
        StopReason = reason;
        return null;
    }
}
