using Grpc.Core;
using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>
/// One simulated telephony gateway's GatewaySession: says hello, hands connect, callback, emergency-advice and cancel
/// instructions to the <see cref="DriverInbox"/>, and acknowledges them in batches (an acknowledgement covers every lower
/// sequence, and the server only keeps unacknowledged instructions for a reconnect this harness never makes).
/// </summary>
internal sealed class GatewayLink
{
    /// <summary>Acknowledge after this many new instructions (and at the end).</summary>
    private const long AckEvery = 32;

    private readonly DriverInbox _inbox;
    private AsyncDuplexStreamingCall<GatewaySessionRequest, GatewaySessionResponse>? _call;
    private Task _reader = Task.CompletedTask;
    private Task _writes = Task.CompletedTask;
    private long _highest;
    private long _acknowledged;
    private long _announcements;
    private volatile bool _closing;

    public GatewayLink(int index, string gatewayId, DriverInbox inbox)
    {
        Index = index;
        GatewayId = gatewayId;
        _inbox = inbox;
    }

    public int Index { get; }

    public string GatewayId { get; }

    public SeenSequence Seen { get; } = new();

    /// <summary>Position announcements received (momentary, never acknowledged).</summary>
    public long Announcements => Interlocked.Read(ref _announcements);

    public Task Writes => _writes;

    public void Open(CallRoutingService.CallRoutingServiceClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _call = client.GatewaySession();
        _reader = Task.Run(ReadAsync);
        Write(new GatewaySessionRequest { Hello = new GatewayHello { GatewayId = GatewayId } });
    }

    /// <summary>Acknowledges what has been read when enough has piled up (or always, with <paramref name="force"/>).</summary>
    public void Acknowledge(bool force)
    {
        var highest = Interlocked.Read(ref _highest);
        if (highest > _acknowledged && (force || highest - _acknowledged >= AckEvery))
        {
            _acknowledged = highest;
            Write(new GatewaySessionRequest { Ack = new GatewayAck { Sequence = highest } });
        }
    }

    public async Task CloseAsync()
    {
        if (_call is not { } call)
        {
            return;
        }

        Acknowledge(force: true);
        _closing = true;
        try
        {
            await _writes;
            await call.RequestStream.CompleteAsync();
            await _reader;
        }
        catch (RpcException)
        {
        }
        finally
        {
            call.Dispose();
        }
    }

    private void Write(GatewaySessionRequest request) => _writes = StreamWrites.After(_writes, _call!.RequestStream, request);

    private Task ReadAsync() => StreamReads.DrainAsync(
        _call!.ResponseStream,
        Handle,
        () => _closing,
        code => _inbox.Problem($"GatewaySession stream failed ({code})"),
        Seen.End);

    private void Handle(GatewaySessionResponse message)
    {
        if (message.InstructionCase == GatewaySessionResponse.InstructionOneofCase.AnnouncePosition)
        {
            Interlocked.Increment(ref _announcements);
            return;
        }

        if (message.Sequence > Interlocked.Read(ref _highest))
        {
            Interlocked.Exchange(ref _highest, message.Sequence);
        }

        var agent = message.InstructionCase switch
        {
            GatewaySessionResponse.InstructionOneofCase.ConnectToAgent => message.ConnectToAgent.AgentId,
            GatewaySessionResponse.InstructionOneofCase.DialCallback => message.DialCallback.AgentId,
            _ => string.Empty,
        };
        _inbox.Instruction(new InstructionNote(Index, message.InstructionCase, message.CallId, agent));
        if (message.EventSequence > 0)
        {
            Seen.Saw(message.EventSequence);
        }
    }
}
