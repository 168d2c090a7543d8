namespace Routing.LoadTest.Month;

/// <summary>
/// One kind of call in the scenario's mix: what the IVR sends for it (reason code, red-flag codes, screen, words), who
/// calls (the senior share), the queue the default triage rules should send it to, and its talk time and patience.
/// </summary>
internal sealed record CallKindSpec
{
    /// <summary>Name used in observations and reports, e.g. "scheduling" or "red-flag-emergent".</summary>
    public required string Kind { get; init; }

    /// <summary>Relative weight in the mix (normalised over all kinds).</summary>
    public required double Share { get; init; }

    /// <summary>IVR reason code, e.g. SCHEDULING, REFILL, BILLING, SYMPTOM.</summary>
    public required string ReasonCode { get; init; }

    /// <summary>Red-flag codes; each call of this kind carries one of them, chosen uniformly. Empty: none.</summary>
    public IReadOnlyList<string> RedFlags { get; init; } = [];

    /// <summary>The scenario marks the kind as a red flag (it must reach a clinician within its class deadline).</summary>
    public bool RedFlag { get; init; }

    /// <summary>A symptom screen was completed in the IVR (an unscreened SYMPTOM call is at least URGENT).</summary>
    public bool ScreenCompleted { get; init; }

    /// <summary>Share of callers of this kind aged 65 or more (a third of them also in the senior program).</summary>
    public double SeniorShare { get; init; }

    /// <summary>Optional caller words; each call carries one of them, chosen uniformly. Patient-like data: never logged.</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>Queue the default triage rules send a non-senior caller of this kind to.</summary>
    public required string Queue { get; init; }

    /// <summary>Queue for a senior caller (routine calls go to the senior line); defaults to <see cref="Queue"/>.</summary>
    public required string SeniorQueue { get; init; }

    public required DurationSpec HandleTime { get; init; }

    /// <summary>How long the caller waits for an answer before hanging up; null: never hangs up.</summary>
    public DurationSpec? Patience { get; init; }

    /// <summary>Share of this kind's calls going to <paramref name="queue"/>.</summary>
    public double ShareTo(string queue) =>
        (string.Equals(Queue, queue, StringComparison.Ordinal) ? 1.0 - SeniorShare : 0.0)
        + (string.Equals(SeniorQueue, queue, StringComparison.Ordinal) ? SeniorShare : 0.0);
}
