namespace Routing.Core.Triage;

/// <summary>
/// What a gateway knows about a call when it offers or updates it. Contains patient data
/// (<see cref="CallerWords"/>): it is recorded in the journal for audit but never in stats, metrics or logs.
/// </summary>
public sealed record TriageInput
{
    /// <summary>IVR reason code, for example SCHEDULING, REFILL, BILLING, SYMPTOM. Upper snake case.</summary>
    public string ReasonCode { get; init; } = string.Empty;

    /// <summary>Red-flag codes captured by the IVR or a front-line agent, for example CARDIAC_CHEST.</summary>
    public IReadOnlyList<string> RedFlags { get; init; } = [];

    /// <summary>The caller's own words (speech-to-text or typed by staff). Patient data.</summary>
    public string CallerWords { get; init; } = string.Empty;

    /// <summary>Caller age in years, when known.</summary>
    public int? CallerAge { get; init; }

    /// <summary>The caller is enrolled in the senior program.</summary>
    public bool SeniorProgram { get; init; }

    /// <summary>The gateway knows this caller called about the same problem within 72 hours.</summary>
    public bool RepeatCallWithin72Hours { get; init; }

    /// <summary>A symptom screen was completed in the IVR. A symptom call without one is at least URGENT.</summary>
    public bool ScreenCompleted { get; init; }

    /// <summary>
    /// Merges an update into this input: red flags are united, words appended, booleans or-ed, a known age kept
    /// unless a new one is given. Merging never removes a signal, so re-triage can only raise urgency.
    /// </summary>
    public TriageInput Merge(TriageInput update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new TriageInput
        {
            ReasonCode = string.IsNullOrEmpty(update.ReasonCode) ? ReasonCode : update.ReasonCode,
            RedFlags = RedFlags.Union(update.RedFlags, StringComparer.Ordinal).ToArray(),
            CallerWords = string.IsNullOrEmpty(update.CallerWords)
                ? CallerWords
                : string.IsNullOrEmpty(CallerWords) ? update.CallerWords : CallerWords + " " + update.CallerWords,
            CallerAge = update.CallerAge ?? CallerAge,
            SeniorProgram = SeniorProgram || update.SeniorProgram,
            RepeatCallWithin72Hours = RepeatCallWithin72Hours || update.RepeatCallWithin72Hours,
            ScreenCompleted = ScreenCompleted || update.ScreenCompleted,
        };
    }

    /// <summary>Content equality used for OfferCall idempotency (records compare lists by reference).</summary>
    public bool SameContentAs(TriageInput other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(ReasonCode, other.ReasonCode, StringComparison.Ordinal)
            && RedFlags.SequenceEqual(other.RedFlags, StringComparer.Ordinal)
            && string.Equals(CallerWords, other.CallerWords, StringComparison.Ordinal)
            && CallerAge == other.CallerAge
            && SeniorProgram == other.SeniorProgram
            && RepeatCallWithin72Hours == other.RepeatCallWithin72Hours
            && ScreenCompleted == other.ScreenCompleted;
    }
}
