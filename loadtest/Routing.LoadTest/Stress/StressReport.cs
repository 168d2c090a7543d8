namespace Routing.LoadTest.Stress;

/// <summary>A finished (or interrupted) stress run: what was asked, every step, the answer, and the traffic around it.</summary>
internal sealed record StressReport
{
    public required string RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required StressOptions Options { get; init; }

    /// <summary>In the order they ran (a --find-max bisection is not in rate order).</summary>
    public required IReadOnlyList<JudgedStep> Steps { get; init; }

    /// <summary>The highest rate sustained below every failing rate (see <see cref="MaxRateSearch.Bracket"/>), or null.</summary>
    public double? HighestSustainedRate { get; init; }

    public double? LowestFailedRate { get; init; }

    /// <summary>Why --find-max stopped; null for fixed steps.</summary>
    public string? SearchStopReason { get; init; }

    public bool Cancelled { get; init; }

    /// <summary>Counts of the traffic around the measured OfferCalls: urgencies decided, instructions, agent commands, hang-ups.</summary>
    public required IReadOnlyDictionary<string, long> Traffic { get; init; }
}
