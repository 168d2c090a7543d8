namespace Routing.LoadTest.Simulation;

/// <summary>One simulated scenario: a stationary Poisson stream into one queue served by identical agents.</summary>
internal sealed record SimulationOptions
{
    public required double CallsPerHour { get; init; }

    /// <summary>Mean handle time, seconds.</summary>
    public required double AhtSeconds { get; init; }

    public required int Agents { get; init; }

    /// <summary>Service-level threshold T, seconds: answered with wait ≤ T counts as within.</summary>
    public required double ThresholdSeconds { get; init; }

    /// <summary>Mean of exponential patience, seconds; null: callers never hang up.</summary>
    public double? PatienceSeconds { get; init; }

    /// <summary>Arrivals to simulate, warm-up included.</summary>
    public int Calls { get; init; } = 500_000;

    public int Seed { get; init; } = 1;

    public HandleTimeDistribution HandleTime { get; init; } = HandleTimeDistribution.Exponential;

    /// <summary>Coefficient of variation of lognormal handle times (standard deviation / mean).</summary>
    public double HandleTimeCv { get; init; } = 0.6;

    /// <summary>Share of the first arrivals simulated but left out of every measure (the empty-center start).</summary>
    public double WarmupFraction { get; init; } = 0.01;

    /// <summary>Batches of consecutive measured arrivals for the batch-means confidence interval.</summary>
    public int Batches { get; init; } = 20;

    /// <summary>Coefficient of variation actually used: 1 for exponential.</summary>
    public double EffectiveHandleTimeCv => HandleTime == HandleTimeDistribution.Exponential ? 1.0 : HandleTimeCv;
}
