using System.Collections.Concurrent;
using Grpc.Core;
using Routing.V1;

namespace Routing.LoadTest.Stress;

/// <summary>
/// Callers of routine calls hang up (EndCall CALLER_HUNG_UP) when no agent has answered them within the patience,
/// so the server's waiting list stays near rate × patience instead of growing through the run; every call thus
/// costs the server an OfferCall and an ending (a hang-up, or the agent's completion), as in a real center. Clinical
/// calls are never hung up: an unanswered one becomes a mandatory safety-net callback that only a clinician can
/// close, so they wait for the roster clinicians instead. Hang-ups are sent without waiting for each other, capped
/// at <see cref="MaxInFlight"/> outstanding; their outcomes are counted, not timed.
/// </summary>
internal sealed class CallerPatience : IDisposable
{
    public const int MaxInFlight = 2_000;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private readonly CallRoutingService.CallRoutingServiceClient _client;
    private readonly IReadOnlyDictionary<string, SimulatedGateway> _gateways;
    private readonly IStressClock _clock;
    private readonly TimeSpan _timeout;
    private readonly Tally _tally;
    private readonly ConcurrentQueue<(TimeSpan Due, string CallId, string GatewayId)> _waiting = new();
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);

    public CallerPatience(CallRoutingService.CallRoutingServiceClient client, IReadOnlyDictionary<string, SimulatedGateway> gateways, IStressClock clock, TimeSpan patience, TimeSpan timeout, Tally tally)
    {
        _client = client;
        _gateways = gateways;
        _clock = clock;
        Patience = patience;
        _timeout = timeout;
        _tally = tally;
    }

    public TimeSpan Patience { get; }

    /// <summary>A routine call joined a queue now; its caller hangs up after the patience unless answered.</summary>
    public void Waiting(string callId, string gatewayId) => _waiting.Enqueue((_clock.Now + Patience, callId, gatewayId));

    /// <summary>Hangs up callers as their patience runs out, until <paramref name="stop"/>; then everyone still waiting.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await HangUpDueAsync(_clock.Now);
                await Task.Delay(Tick, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        // The run is over: leave the server with no stress caller waiting in a routine queue.
        await HangUpDueAsync(TimeSpan.MaxValue);
        for (var i = 0; i < MaxInFlight; i++)
        {
            await _slots.WaitAsync(CancellationToken.None);
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task HangUpDueAsync(TimeSpan now)
    {
        // Entries are queued in reply order, so due times are nearly increasing; a few out of order wait one tick more.
        while (_waiting.TryPeek(out var head) && head.Due <= now && _waiting.TryDequeue(out head))
        {
            var gateway = _gateways[head.GatewayId];
            if (gateway.TakeConnected(head.CallId))
            {
                _tally.Add("answered_before_patience_ran_out");
                continue;
            }

            await _slots.WaitAsync();
            _ = HangUpAsync(head.CallId, head.GatewayId);
        }
    }

    private async Task HangUpAsync(string callId, string gatewayId)
    {
        try
        {
            using var call = _client.EndCallAsync(
                new EndCallRequest { CallId = callId, GatewayId = gatewayId, Reason = EndCallReason.CallerHungUp },
                deadline: DateTime.UtcNow + _timeout);
            var reply = await call.ResponseAsync;
            _tally.Add(reply.Abandoned ? "hung_up_waiting" : "hung_up_after_answer");
        }
        catch (RpcException ex)
        {
            _tally.Add("hang_up_failed_" + ErrorCodes.Of(ex.StatusCode));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            _tally.Add("hang_up_failed_" + ErrorCodes.ClientError);
        }
        finally
        {
            _slots.Release();
        }
    }
}
