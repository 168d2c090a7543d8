using Google.Protobuf.WellKnownTypes;
using Routing.Core.Events;
using Routing.Server.Contract;
using Routing.Storage;
using Routing.V1;
using CoreInput = Routing.Core.Triage.TriageInput;
using CoreRole = Routing.Core.Agents.AgentRole;
using CoreUrgency = Routing.Core.Urgencies.Urgency;

namespace Routing.Server.Audit;

/// <summary>
/// Static mapping of the audit store's results to the audit contract. Unlike the dashboard mappers this carries
/// patient data (triage inputs, rule ids): the audit service is for authorised safety reviewers.
/// </summary>
internal static class AuditMapper
{
    public static GetCallTimelineResponse ToResponse(CallTimeline timeline)
    {
        var response = new GetCallTimelineResponse { CallId = timeline.CallId };
        foreach (var entry in timeline.Entries)
        {
            response.Entries.Add(ToEntry(entry));
        }

        return response;
    }

    public static TimelineEntry ToEntry(CallTimelineEntry t)
    {
        var r = new TimelineEntry
        {
            Sequence = t.Record.EventSequence,
            OccurredAt = Timestamp.FromDateTimeOffset(t.Event.At),
            Actor = ToActor(t.Actor),
            Urgency = ToUrgency(t.Urgency),
            PreviousUrgency = t.PreviousUrgency is { } previous ? ToUrgency(previous) : V1.Urgency.Unspecified,
            QueueId = t.QueueId ?? string.Empty,
            PreviousQueueId = t.PreviousQueueId ?? string.Empty,
            Kind = CallEventKinds.Of(t.Event),
            JournalKind = t.Record.Kind,
            AuditRecordId = t.Record.Id,
        };
        switch (t.Event)
        {
            case CallArrived x:
                r.FiredRuleIds.AddRange(x.Decision.FiredRuleIds);
                r.RuleSetVersion = x.Decision.RuleSetVersion;
                r.TriageInputs = ToInputs(x.Input);
                r.RedFlag = x.Decision.HasRedFlag;
                r.Priority = x.Priority;
                break;
            case CallRetriaged x:
                r.FiredRuleIds.AddRange(x.Decision.FiredRuleIds);
                r.RuleSetVersion = x.Decision.RuleSetVersion;
                r.TriageInputs = ToInputs(x.Input);
                r.RedFlag = x.Decision.HasRedFlag;
                break;
            case CallUrgencyChanged x:
                r.AgentId = x.AgentId;
                r.Reason = x.Reason;
                break;
            case CallQueued x:
                r.Reason = x.Reason switch
                {
                    QueueEntryReason.Arrival => "ARRIVAL",
                    QueueEntryReason.Overflow => "OVERFLOW",
                    QueueEntryReason.UrgencyChange => "URGENCY_CHANGE",
                    _ => x.Reason.ToString(),
                };
                break;
            case CallOverflowed x:
                r.Reason = $"overflow level {x.Level}";
                break;
            case CallOffered x:
                r.AgentId = x.AgentId;
                break;
            case OfferDeclined x:
                r.AgentId = x.AgentId;
                r.Reason = x.Reason;
                break;
            case OfferTimedOut x:
                r.AgentId = x.AgentId;
                r.Reason = x.ResumeAt is null ? $"{x.ConsecutiveMisses} consecutive misses: agent made not ready" : "no answer: agent paused";
                break;
            case Core.Events.OfferCancelled x:
                r.AgentId = x.AgentId;
                r.Reason = x.Reason switch
                {
                    Core.Events.OfferCancelReason.CallerHungUp => "CALLER_HUNG_UP",
                    Core.Events.OfferCancelReason.UrgencyChanged => "URGENCY_CHANGED",
                    Core.Events.OfferCancelReason.AgentLoggedOut => "AGENT_LOGGED_OUT",
                    _ => x.Reason.ToString(),
                };
                break;
            case CallAccepted x:
                r.AgentId = x.AgentId;
                r.ClinicianContact = x.ClinicianContact;
                break;
            case CallTransferred x:
                r.AgentId = x.AgentId;
                break;
            case CallCompleted x:
                r.AgentId = x.AgentId;
                r.Reason = x.By == CompletedBy.Agent ? "ended by the agent" : "ended by the gateway";
                break;
            case CallAbandoned x:
                r.Reason = x.BecomesSafetyNetCallback ? "caller hung up: mandatory safety-net callback" : "caller hung up";
                break;
            case CallMaxWaitReached:
                r.Reason = "queue maximum wait reached: held-place callback";
                break;
            case SafetyNetCallbackCreated x:
                r.Deadline = Timestamp.FromDateTimeOffset(x.DueBy);
                break;
            case SafetyNetCallbackOverdue x:
                r.Deadline = Timestamp.FromDateTimeOffset(x.DueBy);
                r.Reason = "safety-net callback overdue";
                break;
            case EscalationWarning x:
                r.Deadline = Timestamp.FromDateTimeOffset(x.Deadline);
                break;
            case EscalationBreached x:
                r.Deadline = Timestamp.FromDateTimeOffset(x.Deadline);
                break;
            case PageIssued x:
                r.Reason = $"{(x.Target == PageTarget.DutyClinician ? "duty clinician" : "supervisor")}: {x.Reason}";
                break;
            case EmergencyAdviceInstructed:
                r.Reason = "emergency advice instructed";
                break;
        }

        return r;
    }

    public static GetIncidentReportResponse ToResponse(AuditIncidentReport report)
    {
        var t = report.Totals;
        var response = new GetIncidentReportResponse
        {
            StartTime = Timestamp.FromDateTimeOffset(report.From),
            EndTime = Timestamp.FromDateTimeOffset(report.To),
            Totals = new V1.IncidentTotals
            {
                Calls = t.Calls,
                SymptomCalls = t.SymptomCalls,
                RedFlagCalls = t.RedFlagCalls,
                FtceA = t.FtceA,
                FtceB = t.FtceB,
                EscalationBreachCalls = t.CallsWithEscalationBreach,
                SafetyNetCallbacksOverdue = t.SafetyNetCallbacksOverdue,
                FtceAPer10KSymptomCalls = t.FtceAPer10kSymptomCalls ?? 0,
                FtceBPer10KSymptomCalls = t.FtceBPer10kSymptomCalls ?? 0,
                EscalationBreachCallsPer10KSymptomCalls = t.EscalationBreachCallsPer10kSymptomCalls ?? 0,
                SafetyNetCallbacksOverduePer10KSymptomCalls = t.SafetyNetCallbacksOverduePer10kSymptomCalls ?? 0,
            },
        };
        foreach (var c in report.Calls)
        {
            response.Calls.Add(new V1.IncidentCall
            {
                CallId = c.CallId,
                HighestUrgency = ToUrgency(c.HighestUrgency),
                RedFlag = c.RedFlag,
                FirstArrival = Timestamp.FromDateTimeOffset(c.FirstArrival),
                FirstClinicianContact = ToTimestamp(c.FirstClinicianContact),
                DeadlineUrgency = ToUrgency(c.DeadlineUrgency),
                ClassDeadline = ToTimestamp(c.ClassDeadline),
                EndedAt = ToTimestamp(c.EndedAt),
                FtceA = c.FtceA,
                FtceB = c.FtceB,
                LateBy = c.LateBy is { } late ? Duration.FromTimeSpan(late) : null,
                EscalationBreaches = c.EscalationBreaches,
                SafetyNetCallbacksOverdue = c.SafetyNetCallbacksOverdue,
            });
        }

        foreach (var c in report.Classes)
        {
            response.Classes.Add(new V1.IncidentClassSummary
            {
                Urgency = ToUrgency(c.Urgency),
                Deadline = Duration.FromTimeSpan(c.Deadline),
                Calls = c.Calls,
                ClinicianContacts = c.ClinicianContacts,
                FtceB = c.FtceB,
                P95TimeToClinician = c.P95TimeToClinician is { } p95 ? Duration.FromTimeSpan(p95) : null,
            });
        }

        return response;
    }

    public static VerifyAuditChainResponse ToResponse(AuditVerification v)
    {
        var response = new VerifyAuditChainResponse
        {
            Intact = v.Intact,
            RecordsChecked = v.RecordsChecked,
            FirstRecordId = v.FirstRecordId,
            LastRecordId = v.LastRecordId,
            AnchorRecordId = v.AnchorRecordId ?? 0,
            LastHash = Convert.ToHexStringLower(v.LastHash),
        };
        if (v.FirstBreak is { } b)
        {
            response.FirstBreak = new V1.AuditChainBreak
            {
                RecordId = b.RecordId,
                EventSequence = b.EventSequence,
                Kind = b.Kind switch
                {
                    AuditBreakKind.HashMismatch => AuditChainBreakKind.HashMismatch,
                    AuditBreakKind.MissingRecord => AuditChainBreakKind.MissingRecord,
                    AuditBreakKind.PrevHashMismatch => AuditChainBreakKind.PrevHashMismatch,
                    _ => AuditChainBreakKind.Unspecified,
                },
                Description = b.Description,
            };
        }

        return response;
    }

    public static Actor ToActor(AuditActorInfo actor) => new()
    {
        Kind = actor.Kind switch
        {
            AuditActorKind.System => ActorKind.System,
            AuditActorKind.Gateway => ActorKind.Gateway,
            AuditActorKind.Agent => ActorKind.Agent,
            _ => ActorKind.Unspecified,
        },
        Id = actor.Id,
        Role = actor.Role switch
        {
            CoreRole.Clinician => AgentRole.Clinician,
            CoreRole.NonClinical => AgentRole.NonClinical,
            _ => AgentRole.Unspecified,
        },
    };

    public static TriageInputs ToInputs(CoreInput input)
    {
        var r = new TriageInputs
        {
            ReasonCode = input.ReasonCode,
            CallerWords = input.CallerWords,
            SeniorProgram = input.SeniorProgram,
            RepeatCallWithin72H = input.RepeatCallWithin72Hours,
            ScreenCompleted = input.ScreenCompleted,
        };
        r.RedFlags.AddRange(input.RedFlags);
        if (input.CallerAge is { } age)
        {
            r.CallerAge = age;
        }

        return r;
    }

    private static V1.Urgency ToUrgency(CoreUrgency urgency) => (V1.Urgency)(int)urgency;

    private static Timestamp? ToTimestamp(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
