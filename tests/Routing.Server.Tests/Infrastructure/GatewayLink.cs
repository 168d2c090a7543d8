using Grpc.Core;
using Routing.V1;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>A telephony gateway's instruction channel (GatewaySession) and what it was told.</summary>
internal sealed class GatewayLink : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<GatewaySessionRequest, GatewaySessionResponse> _call;

    private GatewayLink(RoutingTestHost host, string gatewayId)
    {
        GatewayId = gatewayId;
        _call = host.Calls.GatewaySession();
        Inbox = new MessagePump<GatewaySessionResponse>(_call.ResponseStream, $"gateway {gatewayId}");
    }

    public string GatewayId { get; }

    public MessagePump<GatewaySessionResponse> Inbox { get; }

    public static async Task<GatewayLink> ConnectAsync(RoutingTestHost host, string gatewayId, long lastAcknowledged = 0)
    {
        var link = new GatewayLink(host, gatewayId);
        await link._call.RequestStream.WriteAsync(new GatewaySessionRequest
        {
            Hello = new GatewayHello { GatewayId = gatewayId, LastAcknowledgedSequence = lastAcknowledged },
        });
        return link;
    }

    public Task<GatewaySessionResponse> NextAsync(string callId, GatewaySessionResponse.InstructionOneofCase kind) =>
        Inbox.NextAsync(m => m.CallId == callId && m.InstructionCase == kind, $"{kind} for call {callId}");

    public Task<GatewaySessionResponse> NextAsync() => Inbox.NextAsync(_ => true, "an instruction");

    public Task AckAsync(long sequence) =>
        _call.RequestStream.WriteAsync(new GatewaySessionRequest { Ack = new GatewayAck { Sequence = sequence } });

    /// <summary>The gateway loses its connection without closing the stream.</summary>
    public async Task DropAsync()
    {
        _call.Dispose();
        await Wait.For(Inbox.Completion, $"gateway {GatewayId}'s stream to end");
    }

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }
}
