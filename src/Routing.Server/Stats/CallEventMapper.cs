using Google.Protobuf.WellKnownTypes;
using Routing.Core.Events;
using Routing.V1;

namespace Routing.Server.Stats;

/// <summary>
/// Call lifecycle events for dashboards and reporting tools. Deliberately carries ids, queues, agents, classes and
/// times only: no caller words, no red-flag codes, and no rule ids either, because rule ids name the symptom
/// ("RF-SUICIDE-IMMINENT"); safety reviewers get those through the audit service.
/// </summary>
internal static class CallEventMapper
{
    public static WatchCallEventsResponse? ToContract(RoutingEvent e)
    {
        if (e is not CallEvent call)
        {
            return null;
        }

        var r = new WatchCallEventsResponse { Sequence = e.Sequence, CallId = call.CallId, OccurredAt = Timestamp.FromDateTimeOffset(e.At) };
        switch (e)
        {
            case CallArrived x:
                r.Type = CallEventType.Arrived;
                r.Urgency = (V1.Urgency)(int)x.Decision.Urgency;
                r.QueueId = x.Decision.QueueId;
                r.RuleSetVersion = x.Decision.RuleSetVersion;
                break;
            case CallQueued x:
                r.Type = CallEventType.Queued;
                r.QueueId = x.QueueId;
                break;
            case CallOverflowed x:
                r.Type = CallEventType.Overflowed;
                r.QueueId = x.QueueId;
                break;
            case CallRetriaged x:
                r.Type = x.To > x.From ? CallEventType.UrgencyChanged : CallEventType.Triaged;
                r.Urgency = (V1.Urgency)(int)x.To;
                r.PreviousUrgency = (V1.Urgency)(int)x.From;
                r.RuleSetVersion = x.Decision.RuleSetVersion;
                break;
            case CallUrgencyChanged x:
                r.Type = CallEventType.UrgencyChanged;
                r.Urgency = (V1.Urgency)(int)x.To;
                r.PreviousUrgency = (V1.Urgency)(int)x.From;
                r.AgentId = x.AgentId;
                break;
            case CallOffered x:
                r.Type = CallEventType.Offered;
                r.AgentId = x.AgentId;
                r.QueueId = x.QueueId;
                break;
            case OfferDeclined x:
                r.Type = CallEventType.Declined;
                r.AgentId = x.AgentId;
                break;
            case OfferTimedOut x:
                r.Type = CallEventType.RingNoAnswer;
                r.AgentId = x.AgentId;
                break;
            case CallAccepted x:
                r.Type = CallEventType.Accepted;
                r.AgentId = x.AgentId;
                break;
            case CallTransferred x:
                r.Type = CallEventType.Transferred;
                r.AgentId = x.AgentId;
                r.PreviousQueueId = x.FromQueueId;
                r.QueueId = x.ToQueueId;
                break;
            case CallCompleted x:
                r.Type = CallEventType.Completed;
                r.AgentId = x.AgentId;
                break;
            case CallAbandoned x:
                r.Type = CallEventType.Abandoned;
                r.QueueId = x.QueueId;
                break;
            case CallbackRequested or CallMaxWaitReached:
                r.Type = CallEventType.CallbackRequested;
                break;
            case SafetyNetCallbackCreated:
                r.Type = CallEventType.SafetyNetCallbackCreated;
                break;
            case EscalationWarning x:
                r.Type = CallEventType.EscalationWarning;
                r.Urgency = (V1.Urgency)(int)x.Urgency;
                break;
            case EscalationBreached x:
                r.Type = CallEventType.EscalationBreached;
                r.Urgency = (V1.Urgency)(int)x.Urgency;
                break;
            case SafetyNetCallbackOverdue:
                r.Type = CallEventType.SafetyNetCallbackOverdue;
                break;
            case Core.Events.OfferCancelled x:
                r.Type = CallEventType.OfferCancelled;
                r.AgentId = x.AgentId;
                break;
            case EmergencyAdviceInstructed:
                r.Type = CallEventType.EmergencyAdvice;
                break;
            case PageIssued:
                r.Type = CallEventType.Paged;
                break;
            default:
                return null;
        }

        return r;
    }
}
