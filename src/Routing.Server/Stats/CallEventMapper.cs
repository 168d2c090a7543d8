using Google.Protobuf.WellKnownTypes;
using Routing.Core.Events;
using Routing.Server.Contract;
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

        var type = CallEventKinds.Of(e);
        if (type == CallEventType.Unspecified)
        {
            return null;
        }

        var r = new WatchCallEventsResponse { Sequence = e.Sequence, CallId = call.CallId, OccurredAt = Timestamp.FromDateTimeOffset(e.At), Type = type };
        switch (e)
        {
            case CallArrived x:
                r.Urgency = (V1.Urgency)(int)x.Decision.Urgency;
                r.QueueId = x.Decision.QueueId;
                r.RuleSetVersion = x.Decision.RuleSetVersion;
                break;
            case CallQueued x:
                r.QueueId = x.QueueId;
                break;
            case CallOverflowed x:
                r.QueueId = x.QueueId;
                break;
            case CallRetriaged x:
                r.Urgency = (V1.Urgency)(int)x.To;
                r.PreviousUrgency = (V1.Urgency)(int)x.From;
                r.RuleSetVersion = x.Decision.RuleSetVersion;
                break;
            case CallUrgencyChanged x:
                r.Urgency = (V1.Urgency)(int)x.To;
                r.PreviousUrgency = (V1.Urgency)(int)x.From;
                r.AgentId = x.AgentId;
                break;
            case CallOffered x:
                r.AgentId = x.AgentId;
                r.QueueId = x.QueueId;
                break;
            case OfferDeclined x:
                r.AgentId = x.AgentId;
                break;
            case OfferTimedOut x:
                r.AgentId = x.AgentId;
                break;
            case CallAccepted x:
                r.AgentId = x.AgentId;
                break;
            case CallTransferred x:
                r.AgentId = x.AgentId;
                r.PreviousQueueId = x.FromQueueId;
                r.QueueId = x.ToQueueId;
                break;
            case CallCompleted x:
                r.AgentId = x.AgentId;
                break;
            case CallAbandoned x:
                r.QueueId = x.QueueId;
                break;
            case EscalationWarning x:
                r.Urgency = (V1.Urgency)(int)x.Urgency;
                break;
            case EscalationBreached x:
                r.Urgency = (V1.Urgency)(int)x.Urgency;
                break;
            case Core.Events.OfferCancelled x:
                r.AgentId = x.AgentId;
                break;
        }

        return r;
    }
}
