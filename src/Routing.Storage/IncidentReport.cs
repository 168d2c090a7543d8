using Routing.Core.Configuration;
using Routing.Core.Urgencies;

namespace Routing.Storage;

/// <summary>
/// Failure-to-clinically-escalate report over the audit trail for the calls that first arrived in [From, To).
/// Attributing a call to the period of its first arrival counts each call in exactly one period, however long it
/// lives. Lists only the calls with a problem; the totals and per-class figures cover every call in the range.
/// </summary>
public sealed record AuditIncidentReport(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<IncidentCall> Calls,
    IncidentTotals Totals,
    IReadOnlyList<IncidentClassSummary> Classes)
{
    /// <summary>The published deadlines to clinician from first arrival: EMERGENCY 60 s, EMERGENT 2 min, URGENT 30 min, SAME_DAY 2 h.</summary>
    public static IReadOnlyDictionary<Urgency, TimeSpan> DefaultDeadlines { get; } =
        RoutingOptions.DefaultEscalation.ToDictionary(kv => kv.Key, kv => kv.Value.Deadline);
}

/// <summary>One call with at least one problem.</summary>
/// <param name="HighestUrgency">The highest class the call ever held.</param>
/// <param name="DeadlineUrgency">The class whose deadline applies: the class in effect at first clinician contact (a clinician's recorded lowering counts, as in the engine), or at the call's last record when there was no contact.</param>
/// <param name="RedFlag">A red-flag rule fired or a red-flag code was captured, at arrival or on any update.</param>
/// <param name="ClassDeadline">First arrival plus the class deadline; null for classes without one (ROUTINE).</param>
/// <param name="EndedAt">When the call's record closed (completed, or abandoned without a safety-net callback); null while open.</param>
/// <param name="FtceA">FTCE-A: a red flag, and the call ended without clinician contact.</param>
/// <param name="FtceB">FTCE-B: clinician contact after the class deadline.</param>
/// <param name="EscalationBreaches">Escalation-breached records (the deadline passed without clinician contact).</param>
/// <param name="SafetyNetCallbacksOverdue">Safety-net callbacks that passed their due time without clinician contact.</param>
public sealed record IncidentCall(
    string CallId,
    Urgency HighestUrgency,
    Urgency DeadlineUrgency,
    bool RedFlag,
    DateTimeOffset FirstArrival,
    DateTimeOffset? FirstClinicianContact,
    DateTimeOffset? ClassDeadline,
    DateTimeOffset? EndedAt,
    bool FtceA,
    bool FtceB,
    int EscalationBreaches,
    int SafetyNetCallbacksOverdue)
{
    public TimeSpan? TimeToClinician => FirstClinicianContact - FirstArrival;

    /// <summary>For FTCE-B: how late the clinician contact was.</summary>
    public TimeSpan? LateBy => FtceB ? FirstClinicianContact - ClassDeadline : null;
}

/// <summary>
/// Counts over every call in the range. A symptom call is one with reason code SYMPTOM, a red flag, or a clinical
/// class at any time; rates are per 10,000 symptom calls (null when there were none).
/// </summary>
public sealed record IncidentTotals(
    long Calls,
    long SymptomCalls,
    long RedFlagCalls,
    long FtceA,
    long FtceB,
    long CallsWithEscalationBreach,
    long SafetyNetCallbacksOverdue)
{
    public double? FtceAPer10kSymptomCalls => Per10k(FtceA);

    public double? FtceBPer10kSymptomCalls => Per10k(FtceB);

    public double? EscalationBreachCallsPer10kSymptomCalls => Per10k(CallsWithEscalationBreach);

    public double? SafetyNetCallbacksOverduePer10kSymptomCalls => Per10k(SafetyNetCallbacksOverdue);

    private double? Per10k(long count) => SymptomCalls == 0 ? null : count * 10_000.0 / SymptomCalls;
}

/// <summary>Timeliness per deadline class (the call's <see cref="IncidentCall.DeadlineUrgency"/>).</summary>
/// <param name="P95TimeToClinician">95th percentile (nearest rank) of first arrival to first clinician contact; null without contacts.</param>
public sealed record IncidentClassSummary(Urgency Urgency, TimeSpan Deadline, long Calls, long ClinicianContacts, long FtceB, TimeSpan? P95TimeToClinician);
