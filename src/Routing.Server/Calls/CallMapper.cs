using Google.Protobuf.WellKnownTypes;
using Routing.Core.Commands;
using Routing.Core.Triage;
using Routing.V1;
using CoreEndReason = Routing.Core.Calls.CallEndReason;

namespace Routing.Server.Calls;

/// <summary>Static mapping between the gateway contract and domain commands and replies.</summary>
internal static class CallMapper
{
    public static TriageInput ToInput(OfferCallRequest r) => new()
    {
        ReasonCode = r.ReasonCode,
        RedFlags = [.. r.RedFlags],
        CallerWords = r.CallerWords,
        CallerAge = r.HasCallerAge ? r.CallerAge : null,
        SeniorProgram = r.SeniorProgram,
        RepeatCallWithin72Hours = r.RepeatCallWithin72H,
        ScreenCompleted = r.ScreenCompleted,
    };

    public static TriageInput ToInput(UpdateCallRequest r) => new()
    {
        ReasonCode = r.ReasonCode,
        RedFlags = [.. r.RedFlags],
        CallerWords = r.CallerWords,
        CallerAge = r.HasCallerAge ? r.CallerAge : null,
        SeniorProgram = r.SeniorProgram,
        RepeatCallWithin72Hours = r.RepeatCallWithin72H,
        ScreenCompleted = r.ScreenCompleted,
    };

    public static OfferCallResponse ToResponse(OfferCallReply reply)
    {
        var response = new OfferCallResponse
        {
            Urgency = (V1.Urgency)(int)reply.Decision.Urgency,
            QueueId = reply.Decision.QueueId,
            RuleSetVersion = reply.Decision.RuleSetVersion,
            Position = reply.Position,
            EstimatedWait = Duration.FromTimeSpan(reply.EstimatedWait),
            DecisionSequence = reply.Sequence,
            EmergencyAdvice = reply.EmergencyAdvice,
        };
        response.FiredRuleIds.AddRange(reply.Decision.FiredRuleIds);
        return response;
    }

    public static UpdateCallResponse ToResponse(UpdateCallReply reply, string queueId)
    {
        var response = new UpdateCallResponse
        {
            Urgency = (V1.Urgency)(int)reply.Urgency,
            QueueId = queueId,
            RuleSetVersion = reply.Decision.RuleSetVersion,
            UrgencyRaised = reply.Raised,
            EmergencyAdvice = reply.Raised && reply.Urgency == Core.Urgencies.Urgency.Emergency,
        };
        response.FiredRuleIds.AddRange(reply.Decision.FiredRuleIds);
        return response;
    }

    /// <summary>
    /// The end reasons the domain distinguishes: a caller who hangs up, or a conversation that finished. An external
    /// transfer or a technical failure ends the conversation for the engine the same way as COMPLETED.
    /// </summary>
    public static CoreEndReason? ToEndReason(EndCallReason reason) => reason switch
    {
        EndCallReason.CallerHungUp => CoreEndReason.CallerHungUp,
        EndCallReason.Completed or EndCallReason.TransferredExternal or EndCallReason.TechnicalFailure => CoreEndReason.Completed,
        _ => null,
    };
}
