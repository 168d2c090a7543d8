using Routing.Core.Events;

namespace Routing.Storage;

/// <summary>Who caused an audited event: the gateway (the caller's side), an agent, or the engine itself.</summary>
internal static class AuditActor
{
    public const string System = "system";
    public const string Gateway = "gateway";

    public static string Of(CallEvent e) => e switch
    {
        CallArrived or CallRetriaged or CallAbandoned or CallbackRequested => Gateway,
        CallUrgencyChanged x => "agent:" + x.AgentId,
        OfferDeclined x => "agent:" + x.AgentId,
        CallAccepted x => "agent:" + x.AgentId,
        CallTransferred { By: TransferredBy.SafetyNet } => System,
        CallTransferred x => "agent:" + x.AgentId,
        CallCompleted { By: CompletedBy.Agent } x => "agent:" + x.AgentId,
        CallCompleted => Gateway,
        _ => System,
    };
}
