using Google.Protobuf.WellKnownTypes;
using Routing.Core.Events;
using Routing.Server.Hosting;
using Routing.V1;

namespace Routing.Server.Gateways;

/// <summary>
/// Static mapping from engine events to gateway instructions. Each instruction carries the engine sequence of the
/// event behind it: increasing per gateway, so acknowledging a sequence acknowledges everything before it. The same
/// number is the instruction's event_sequence, kept when it is re-sent after a reconnect (the outbox keeps the message).
/// </summary>
internal static class GatewayInstructions
{
    public static GatewaySessionResponse? For(RoutingEvent e, CallInfo call)
    {
        if (e is not (EmergencyAdviceInstructed or CallAccepted))
        {
            return null;
        }

        var instruction = new GatewaySessionResponse
        {
            Sequence = e.Sequence,
            EventSequence = e.Sequence,
            CallId = call.CallId,
            IssuedAt = Timestamp.FromDateTimeOffset(e.At),
        };
        switch (e)
        {
            case EmergencyAdviceInstructed:
                instruction.PlayEmergencyAdvice = new PlayEmergencyAdviceInstruction();
                return instruction;
            case CallAccepted x when call.IsCallback:
                instruction.DialCallback = new DialCallbackInstruction { AgentId = x.AgentId };
                return instruction;
            case CallAccepted x:
                instruction.ConnectToAgent = new ConnectToAgentInstruction { AgentId = x.AgentId };
                return instruction;
            default:
                return null;
        }
    }
}
