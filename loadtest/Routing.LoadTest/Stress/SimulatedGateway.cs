using System.Collections.Concurrent;
using Grpc.Core;
using Routing.V1;

namespace Routing.LoadTest.Stress;

/// <summary>
/// A telephony gateway's instruction channel: keeps a GatewaySession open, acknowledges every instruction that
/// carries a sequence (so the server's outbox for this gateway stays empty), and remembers which calls it was told
/// to connect to an agent, so that caller patience never hangs up an answered call. Re-attaches with its last
/// acknowledged sequence if the stream breaks, as a real gateway must.
/// </summary>
internal sealed class SimulatedGateway : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(250);

    private readonly CallRoutingService.CallRoutingServiceClient _client;
    private readonly ConcurrentDictionary<string, byte> _connected = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Tally _instructions;
    private Task? _loop;
    private long _lastAcknowledged;

    public SimulatedGateway(CallRoutingService.CallRoutingServiceClient client, string gatewayId, Tally instructions)
    {
        _client = client;
        GatewayId = gatewayId;
        _instructions = instructions;
    }

    public string GatewayId { get; }

    /// <summary>
    /// Whether the call was connected to an agent (a connect instruction not since cancelled); forgets it, since
    /// caller patience asks once per call.
    /// </summary>
    public bool TakeConnected(string callId) => _connected.TryRemove(callId, out _);

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var first = true;
        while (!stop.IsCancellationRequested)
        {
            if (!first)
            {
                _instructions.Add("gateway_session_reattached");
                try
                {
                    await Task.Delay(ReconnectDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            first = false;
            try
            {
                using var call = _client.GatewaySession(cancellationToken: stop);
                await call.RequestStream.WriteAsync(new GatewaySessionRequest
                {
                    Hello = new GatewayHello { GatewayId = GatewayId, LastAcknowledgedSequence = Interlocked.Read(ref _lastAcknowledged) },
                }, stop);
                while (await call.ResponseStream.MoveNext(stop))
                {
                    var instruction = call.ResponseStream.Current;
                    Note(instruction);
                    if (instruction.Sequence > 0)
                    {
                        // Acknowledging n acknowledges everything below it; one ack per instruction keeps it simple.
                        await call.RequestStream.WriteAsync(new GatewaySessionRequest { Ack = new GatewayAck { Sequence = instruction.Sequence } }, stop);
                        Interlocked.Exchange(ref _lastAcknowledged, instruction.Sequence);
                    }
                }
            }
            catch (Exception ex) when (ex is RpcException or IOException or InvalidOperationException or OperationCanceledException)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private void Note(GatewaySessionResponse instruction)
    {
        switch (instruction.InstructionCase)
        {
            case GatewaySessionResponse.InstructionOneofCase.ConnectToAgent:
                _connected.TryAdd(instruction.CallId, 0);
                _instructions.Add("connect_to_agent");
                break;
            case GatewaySessionResponse.InstructionOneofCase.Cancel:
                // The agent went away or the call ended: either way the caller is no longer talking to anyone.
                _connected.TryRemove(instruction.CallId, out _);
                _instructions.Add("cancel");
                break;
            case GatewaySessionResponse.InstructionOneofCase.PlayEmergencyAdvice:
                _instructions.Add("play_emergency_advice");
                break;
            case GatewaySessionResponse.InstructionOneofCase.AnnouncePosition:
                _instructions.Add("announce_position");
                break;
            case GatewaySessionResponse.InstructionOneofCase.DialCallback:
                _instructions.Add("dial_callback");
                break;
            default:
                _instructions.Add("other");
                break;
        }
    }
}
