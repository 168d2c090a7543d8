using Routing.Core.Events;
using Routing.V1;

namespace Routing.Server.Contract;

/// <summary>
/// Which contract event type each engine call event is. One place, shared by the dashboard event stream and the
/// audit timeline, so a new event type cannot be named one way on a wallboard and another in an incident review.
/// </summary>
internal static class CallEventKinds
{
    public static CallEventType Of(RoutingEvent e) => e switch
    {
        CallArrived => CallEventType.Arrived,
        CallRetriaged x => x.To > x.From ? CallEventType.UrgencyChanged : CallEventType.Triaged,
        CallUrgencyChanged => CallEventType.UrgencyChanged,
        CallQueued => CallEventType.Queued,
        CallOverflowed => CallEventType.Overflowed,
        CallOffered => CallEventType.Offered,
        OfferDeclined => CallEventType.Declined,
        OfferTimedOut => CallEventType.RingNoAnswer,
        Core.Events.OfferCancelled => CallEventType.OfferCancelled,
        CallAccepted => CallEventType.Accepted,
        CallTransferred => CallEventType.Transferred,
        CallCompleted => CallEventType.Completed,
        CallAbandoned => CallEventType.Abandoned,
        CallbackRequested or CallMaxWaitReached => CallEventType.CallbackRequested,
        SafetyNetCallbackCreated => CallEventType.SafetyNetCallbackCreated,
        SafetyNetCallbackOverdue => CallEventType.SafetyNetCallbackOverdue,
        EscalationWarning => CallEventType.EscalationWarning,
        EscalationBreached => CallEventType.EscalationBreached,
        PageIssued => CallEventType.Paged,
        EmergencyAdviceInstructed => CallEventType.EmergencyAdvice,
        _ => CallEventType.Unspecified,
    };
}
