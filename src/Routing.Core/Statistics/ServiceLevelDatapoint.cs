using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>
/// Figures for one interval (or a range of them), one queue and one urgency class, or a merge of several. Calls are
/// counted in the interval of their first arrival, under the queue and highest class they had when they were
/// answered, abandoned or turned into a callback (README.md next to this file). Aggregates only: no patient data.
/// </summary>
public sealed record ServiceLevelDatapoint
{
    /// <summary>Start of the first interval covered (inclusive, UTC).</summary>
    public required DateTimeOffset IntervalStart { get; init; }

    /// <summary>End of the last interval covered (exclusive, UTC).</summary>
    public required DateTimeOffset IntervalEnd { get; init; }

    /// <summary>The queue; null when merged over every queue.</summary>
    public required string? QueueId { get; init; }

    /// <summary>The class; null when merged over every class.</summary>
    public required Urgency? Urgency { get; init; }

    /// <summary>Calls that arrived: <see cref="Answered"/> + <see cref="Abandoned"/> + <see cref="Callbacks"/> + <see cref="Unresolved"/>.</summary>
    public required int Offered { get; init; }

    /// <summary>Calls whose first outcome was an agent answering.</summary>
    public required int Answered { get; init; }

    /// <summary>Calls whose caller hung up before any answer, safety-net callbacks included; short abandons included.</summary>
    public required int Abandoned { get; init; }

    /// <summary>Abandons after a wait shorter than the short-abandon time. Counted for every class, excluded only outside clinical classes.</summary>
    public required int ShortAbandons { get; init; }

    /// <summary>Calls that became held-place callbacks (requested, or maximum wait reached) before any answer.</summary>
    public required int Callbacks { get; init; }

    /// <summary>Calls with no outcome yet: still waiting or ringing. Provisional: they count as offered, not yet as answered.</summary>
    public required int Unresolved { get; init; }

    /// <summary>Answered calls whose wait was at most their queue's threshold T.</summary>
    public required int AnsweredWithinThreshold { get; init; }

    /// <summary>One figure per definition, in <see cref="ServiceLevelDefinitions.All"/> order.</summary>
    public required IReadOnlyList<ServiceLevelValue> ServiceLevels { get; init; }

    /// <summary>Average speed of answer: total wait of answered calls / answered. Null when none was answered.</summary>
    public required TimeSpan? Asa { get; init; }

    /// <summary>Average wait over every call with an outcome (answered, abandoned, callback), up to that outcome.</summary>
    public required TimeSpan? AsaAllCalls { get; init; }

    /// <summary>Waits from first arrival to the outcome, of every call with an outcome (answered, abandoned, callback).</summary>
    public required DurationPercentiles Wait { get; init; }

    /// <summary>Agent legs finished (accepted, then completed or transferred) whose talk time is in <see cref="AverageTalkTime"/>.</summary>
    public required int TalkLegs { get; init; }

    /// <summary>Average from answer to completion or transfer, per agent leg.</summary>
    public required TimeSpan? AverageTalkTime { get; init; }

    /// <summary>Legs whose wrap-up has ended too, counted in <see cref="Aht"/>.</summary>
    public required int HandledLegs { get; init; }

    /// <summary>Average handle time per agent leg: talk plus the wrap-up actually taken.</summary>
    public required TimeSpan? Aht { get; init; }

    /// <summary>Abandoned / offered; null when nothing was offered.</summary>
    public required double? AbandonmentRate { get; init; }

    /// <summary>First arrival (across transfers) to first clinician contact, for clinical classes. Count 0 for ROUTINE.</summary>
    public required DurationPercentiles TimeToClinician { get; init; }

    /// <summary>FTCE-A: calls with a red flag that ended (completed, or abandoned without a safety net) without clinician contact.</summary>
    public required int FtceA { get; init; }

    /// <summary>FTCE-B: first clinician contact later than first arrival + the deadline of the call's highest class.</summary>
    public required int FtceB { get; init; }

    /// <summary>Escalation warnings the engine raised (the class's warning time passed without clinician contact).</summary>
    public required int EscalationWarnings { get; init; }

    /// <summary>Escalation breaches the engine raised (the class's deadline to clinician passed without contact).</summary>
    public required int EscalationBreaches { get; init; }

    /// <summary>The figure under <paramref name="definitionName"/>, or null when there is no such definition.</summary>
    public ServiceLevelValue? ServiceLevel(string definitionName)
    {
        foreach (var value in ServiceLevels)
        {
            if (string.Equals(value.DefinitionName, definitionName, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }
}
