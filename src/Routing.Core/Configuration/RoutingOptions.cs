using Routing.Core.Urgencies;

namespace Routing.Core.Configuration;

/// <summary>Everything a routing domain needs besides the triage rules. Validated by <see cref="RoutingOptionsValidator"/>.</summary>
public sealed record RoutingOptions
{
    public required IReadOnlyList<QueueDefinition> Queues { get; init; }

    /// <summary>Consecutive ring-no-answers after which an agent is made not ready. Default 2.</summary>
    public int MaxConsecutiveMisses { get; init; } = 2;

    /// <summary>
    /// Pause after a decline or a single ring-no-answer before the agent is offered again, so a call
    /// they just refused is not offered straight back to them. Default 10 s.
    /// </summary>
    public TimeSpan MissPause { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Clinicians held back for EMERGENCY and EMERGENT calls: while this many or fewer clinicians are free,
    /// lower classes wait. Default 0 (no reservation).
    /// </summary>
    public int ReservedClinicians { get; init; }

    /// <summary>
    /// Within a class, one point of call priority is worth this much waiting time (linear aging: the score is
    /// wait + priority x this, so no caller starves). Default 60 s.
    /// </summary>
    public TimeSpan AgingPerPriorityPoint { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an ended call is remembered, so a gateway retrying OfferCall with its id gets the original decision
    /// rather than a second call. After it the call is forgotten by the routing state (the journal and audit trail keep
    /// it). Default 24 hours.
    /// </summary>
    public TimeSpan EndedCallRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Deadline for a safety-net callback after a clinical call was abandoned. Default 5 minutes.</summary>
    public TimeSpan SafetyNetCallbackDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Warning and deadline to clinician per clinical class, from first arrival.</summary>
    public IReadOnlyDictionary<Urgency, EscalationPolicy> Escalation { get; init; } = DefaultEscalation;

    /// <summary>Published deadlines (clinical-triage.md): 60 s, 2 min, 30 min, 2 h.</summary>
    public static IReadOnlyDictionary<Urgency, EscalationPolicy> DefaultEscalation { get; } = new Dictionary<Urgency, EscalationPolicy>
    {
        [Urgency.Emergency] = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)),
        [Urgency.Emergent] = new(TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2)),
        [Urgency.Urgent] = new(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30)),
        [Urgency.SameDay] = new(TimeSpan.FromMinutes(90), TimeSpan.FromHours(2)),
    };
}
