using Google.Protobuf.WellKnownTypes;
using Routing.Core.Events;
using Routing.Server.Hosting;
using Routing.V1;
using CoreCancelReason = Routing.Core.Events.OfferCancelReason;
using CoreOfferCancelled = Routing.Core.Events.OfferCancelled;
using CoreStatus = Routing.Core.Agents.AgentStatus;

namespace Routing.Server.Agents;

/// <summary>
/// Static mapping from engine events to what an agent desktop is told. Every message carries the sequence of the
/// event behind it, so a simulation harness knows when it has read everything an event caused.
/// </summary>
internal static class AgentMessages
{
    public static IEnumerable<(string AgentId, AgentSessionResponse Message)> For(RoutingEvent e, CallInfo? call)
    {
        switch (e)
        {
            case CallOffered x:
                yield return (x.AgentId, new AgentSessionResponse { Offer = Offer(x, call), EventSequence = x.Sequence });
                yield return (x.AgentId, State(x, CoreStatus.Reserved, string.Empty, x.CallId));
                break;
            case CoreOfferCancelled x:
                yield return (x.AgentId, Cancelled(x, x.Reason switch
                {
                    CoreCancelReason.CallerHungUp => V1.OfferCancelReason.CallEnded,
                    CoreCancelReason.UrgencyChanged => V1.OfferCancelReason.Rerouted,
                    _ => V1.OfferCancelReason.AgentUnavailable,
                }));
                yield return (x.AgentId, State(x, CoreStatus.Available, string.Empty, null));
                break;
            case OfferTimedOut x:
                yield return (x.AgentId, Cancelled(x, V1.OfferCancelReason.RingTimeout));
                yield return (x.AgentId, State(x, CoreStatus.NotReady, x.ResumeAt is null ? "missed-offers" : "no-answer", null));
                break;
            case OfferDeclined x:
                yield return (x.AgentId, State(x, CoreStatus.NotReady, "offer-declined", null));
                break;
            case CallAccepted x:
                yield return (x.AgentId, State(x, CoreStatus.OnCall, string.Empty, x.CallId));
                break;
            case CallCompleted x:
                yield return (x.AgentId, State(x, CoreStatus.WrapUp, string.Empty, x.CallId));
                break;
            case CallTransferred x:
                yield return (x.AgentId, State(x, CoreStatus.WrapUp, string.Empty, x.CallId));
                break;
            case AgentLoggedIn x:
                yield return (x.AgentId, State(x, CoreStatus.NotReady, "logged-in", null));
                break;
            case AgentBecameAvailable x:
                yield return (x.AgentId, State(x, CoreStatus.Available, string.Empty, null));
                break;
            case AgentNotReady x:
                yield return (x.AgentId, State(x, CoreStatus.NotReady, x.Reason, null));
                break;
            case AgentLoggedOut x:
                yield return (x.AgentId, State(x, CoreStatus.LoggedOut, string.Empty, null));
                break;
        }
    }

    public static AgentSessionResponse State(RoutingEvent e, CoreStatus status, string reason, string? callId) => new()
    {
        StateChanged = new AgentStateChanged
        {
            State = ToContract(status),
            Reason = reason,
            CallId = callId ?? string.Empty,
            ChangedAt = Timestamp.FromDateTimeOffset(e.At),
        },
        EventSequence = e.Sequence,
    };

    public static V1.AgentState ToContract(CoreStatus status) => status switch
    {
        CoreStatus.Available => V1.AgentState.Available,
        CoreStatus.Reserved => V1.AgentState.Reserved,
        CoreStatus.OnCall => V1.AgentState.OnCall,
        CoreStatus.WrapUp => V1.AgentState.WrapUp,
        CoreStatus.NotReady => V1.AgentState.NotReady,
        _ => V1.AgentState.LoggedOut,
    };

    private static CallOffer Offer(CallOffered x, CallInfo? call)
    {
        var offer = new CallOffer
        {
            CallId = x.CallId,
            QueueId = x.QueueId,
            RingTimeout = Duration.FromTimeSpan(x.RingTimeout),
        };
        if (call is not null)
        {
            offer.Urgency = (V1.Urgency)(int)call.Urgency;
            offer.IsCallback = call.IsCallback;
            offer.FiredRuleIds.AddRange(call.FiredRuleIds);
            offer.ReasonCode = call.ReasonCode;

            // Patient data, for the agent about to speak with the caller only.
            offer.CallerWords = call.CallerWords;
        }

        return offer;
    }

    private static AgentSessionResponse Cancelled(CallEvent e, V1.OfferCancelReason reason) =>
        new() { OfferCancelled = new V1.OfferCancelled { CallId = e.CallId, Reason = reason }, EventSequence = e.Sequence };
}
