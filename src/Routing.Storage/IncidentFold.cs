using Routing.Core.Events;
using Routing.Core.Urgencies;

namespace Routing.Storage;

/// <summary>
/// Folds one call's audit records (in chain order) into the facts the incident report needs, and the report's
/// totals over many calls. Pure: no I/O, so the rules of FTCE-A/B are testable on their own.
/// </summary>
internal sealed class IncidentFold(IReadOnlyDictionary<Urgency, TimeSpan> deadlines)
{
    private const string SymptomReasonCode = "SYMPTOM";

    private readonly List<IncidentCall> _problems = [];
    private readonly Dictionary<Urgency, ClassTally> _classes = [];
    private long _calls;
    private long _symptomCalls;
    private long _redFlagCalls;
    private long _ftceA;
    private long _ftceB;
    private long _breachCalls;
    private long _overdue;

    /// <summary>Adds one call; returns it when it has a problem (and null when it has none or never arrived in the records).</summary>
    public IncidentCall? Add(string callId, IEnumerable<RoutingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        DateTimeOffset? arrival = null;
        DateTimeOffset? contact = null;
        DateTimeOffset? ended = null;
        Urgency current = Urgency.Unspecified;
        Urgency highest = Urgency.Unspecified;
        Urgency? atContact = null;
        var redFlag = false;
        var symptom = false;
        var breaches = 0;
        var overdue = 0;

        foreach (var e in events)
        {
            switch (e)
            {
                case CallArrived x:
                    arrival ??= x.At;
                    current = x.Decision.Urgency;
                    redFlag |= x.Decision.HasRedFlag || x.Input.RedFlags.Count > 0;
                    symptom |= string.Equals(x.Input.ReasonCode, SymptomReasonCode, StringComparison.Ordinal);
                    break;
                case CallRetriaged x:
                    current = x.To;
                    redFlag |= x.Decision.HasRedFlag || x.Input.RedFlags.Count > 0;
                    symptom |= string.Equals(x.Input.ReasonCode, SymptomReasonCode, StringComparison.Ordinal);
                    break;
                case CallUrgencyChanged x:
                    current = x.To;
                    break;
                case CallAccepted { ClinicianContact: true } x when contact is null:
                    contact = x.At;
                    atContact = current;
                    break;
                case CallCompleted x:
                    ended = x.At;
                    break;
                case CallAbandoned { BecomesSafetyNetCallback: false } x:
                    ended = x.At;
                    break;
                case EscalationBreached:
                    breaches++;
                    break;
                case SafetyNetCallbackOverdue:
                    overdue++;
                    break;
            }

            highest = UrgencyExtensions.Max(highest, current);
        }

        if (arrival is not { } firstArrival)
        {
            return null;
        }

        var deadlineClass = atContact ?? current;
        DateTimeOffset? deadline = deadlines.TryGetValue(deadlineClass, out var allowed) ? firstArrival + allowed : null;
        var ftceA = redFlag && ended is not null && contact is null;
        var ftceB = contact is { } c && deadline is { } d && c > d;
        symptom |= redFlag || highest.IsClinical();

        _calls++;
        _symptomCalls += symptom ? 1 : 0;
        _redFlagCalls += redFlag ? 1 : 0;
        _ftceA += ftceA ? 1 : 0;
        _ftceB += ftceB ? 1 : 0;
        _breachCalls += breaches > 0 ? 1 : 0;
        _overdue += overdue;
        if (deadline is not null)
        {
            if (!_classes.TryGetValue(deadlineClass, out var tally))
            {
                tally = new ClassTally();
                _classes.Add(deadlineClass, tally);
            }

            tally.Calls++;
            tally.FtceB += ftceB ? 1 : 0;
            if (contact is { } reached)
            {
                tally.TimesToClinician.Add(reached - firstArrival);
            }
        }

        if (!ftceA && !ftceB && breaches == 0 && overdue == 0)
        {
            return null;
        }

        var problem = new IncidentCall(callId, highest, deadlineClass, redFlag, firstArrival, contact, deadline, ended, ftceA, ftceB, breaches, overdue);
        _problems.Add(problem);
        return problem;
    }

    public AuditIncidentReport Build(DateTimeOffset from, DateTimeOffset to)
    {
        var calls = _problems.OrderBy(c => c.FirstArrival).ThenBy(c => c.CallId, StringComparer.Ordinal).ToArray();
        var totals = new IncidentTotals(_calls, _symptomCalls, _redFlagCalls, _ftceA, _ftceB, _breachCalls, _overdue);
        var classes = _classes
            .OrderByDescending(kv => kv.Key)
            .Select(kv => new IncidentClassSummary(kv.Key, deadlines[kv.Key], kv.Value.Calls, kv.Value.TimesToClinician.Count, kv.Value.FtceB, P95(kv.Value.TimesToClinician)))
            .ToArray();
        return new AuditIncidentReport(from, to, calls, totals, classes);
    }

    /// <summary>Nearest-rank 95th percentile.</summary>
    internal static TimeSpan? P95(List<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var rank = (int)Math.Ceiling(0.95 * values.Count);
        return values[Math.Clamp(rank, 1, values.Count) - 1];
    }

    private sealed class ClassTally
    {
        public long Calls { get; set; }

        public long FtceB { get; set; }

        public List<TimeSpan> TimesToClinician { get; } = [];
    }
}
