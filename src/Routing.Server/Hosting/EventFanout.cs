using System.Collections.Concurrent;
using Routing.Core.Events;
using Routing.Runtime;
using Routing.Server.Agents;
using Routing.Server.Gateways;
using Routing.Server.Observability;
using Routing.Server.Simulation;
using Routing.Server.Stats;
using GatewaySessionResponse = Routing.V1.GatewaySessionResponse;

namespace Routing.Server.Hosting;

/// <summary>
/// One consumer of the domain's events that turns them into what each audience needs: agent desktops get offers
/// and state confirmations, gateways get instructions, dashboards get statistics, metrics get counts.
/// It only ever hands messages to bounded, non-blocking outboxes, so no audience can slow another or the loop.
/// If it falls behind the domain it resumes from the journal without a gap.
/// </summary>
internal sealed class EventFanout : BackgroundService
{
    private readonly RoutingHost _host;
    private readonly AgentSessionRegistry _agents;
    private readonly GatewayRegistry _gateways;
    private readonly StatsHub _stats;
    private readonly RoutingMetrics _metrics;
    private readonly ILogger<EventFanout> _logger;
    private readonly SettleTracker _settle;
    private readonly Dictionary<string, CallInfo> _calls = new(StringComparer.Ordinal);

    // While the journal is replayed after a restart: per live call on a gateway, its last instruction, which the
    // gateway may not have received before the stop. Handed over once the replay is done; null after that.
    private Dictionary<string, (string GatewayId, GatewaySessionResponse Instruction)>? _recovering;

    public EventFanout(RoutingHost host, AgentSessionRegistry agents, GatewayRegistry gateways, StatsHub stats, RoutingMetrics metrics, ILogger<EventFanout> logger, SettleTracker settle)
    {
        _host = host;
        _agents = agents;
        _gateways = gateways;
        _stats = stats;
        _metrics = metrics;
        _logger = logger;
        _settle = settle;
    }

    /// <summary>
    /// Callers waiting on the line (not ringing, not connected, not a callback) and their gateway: whom to announce
    /// positions to. Written by the fan-out, read by the announcer.
    /// </summary>
    public ConcurrentDictionary<string, string> WaitingOnLine { get; } = new(StringComparer.Ordinal);

    /// <summary>Sequence of the last event fanned out.</summary>
    public long LastSequence { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var from = 1L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var subscription = _host.Domain.Subscribe(from);
                try
                {
                    await ConsumeAsync(subscription.Reader, stoppingToken);
                    return;
                }
                catch (SubscriberLaggedException lagged)
                {
                    // Our own buffer overflowed under a burst: catch up from the journal, nothing is skipped.
                    from = lagged.ResumeFrom;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (RoutingDomainStoppedException)
        {
        }
        catch (Exception ex)
        {
            Log.FanoutFailed(_logger, ex);
            throw;
        }
        finally
        {
            _stats.Complete();
            _settle.FanoutStopped();
        }
    }

    private async Task ConsumeAsync(System.Threading.Channels.ChannelReader<RoutingEvent> reader, CancellationToken ct)
    {
        while (await reader.WaitToReadAsync(ct))
        {
            while (reader.TryRead(out var e))
            {
                if (e.Sequence <= LastSequence)
                {
                    continue;
                }

                Fan(e);
                LastSequence = e.Sequence;

                // Everything the event caused is in the outboxes now: a simulation's AdvanceClock may go on to wait for the writes.
                _settle.FannedOut(e.Sequence);
            }

            // Dashboards want the state after a burst, not every step of it.
            _stats.Publish(_host.Time.GetUtcNow());
        }
    }

    private void Fan(RoutingEvent e)
    {
        _stats.Apply(e);
        var call = e is CallEvent ce ? Track(ce) : null;
        try
        {
            Deliver(e, call);
        }
        finally
        {
            if (call is not null && IsFinal(e))
            {
                _calls.Remove(call.CallId);
            }
        }
    }

    private void Deliver(RoutingEvent e, CallInfo? call)
    {
        _metrics.Record(e, call);
        TrackWaiting(e, call);
        if (e.Sequence <= _host.RecoveredSequence)
        {
            // Replaying history after a restart rebuilds statistics; desktops only hear what is new. Gateways get,
            // for each call still live, the last instruction issued for it: it may have been lost with the process.
            RememberForRecovery(e, call);
            if (e.Sequence == _host.RecoveredSequence)
            {
                HandOverRecovered();
            }

            return;
        }

        foreach (var (agentId, message) in AgentMessages.For(e, call))
        {
            _agents.Send(agentId, message);
        }

        if (call?.GatewayId is { } gatewayId && GatewayInstructions.For(e, call) is { } instruction)
        {
            _gateways.Send(gatewayId, instruction);
        }
    }

    private void RememberForRecovery(RoutingEvent e, CallInfo? call)
    {
        if (call?.GatewayId is not { } gatewayId)
        {
            return;
        }

        _recovering ??= new Dictionary<string, (string, GatewaySessionResponse)>(StringComparer.Ordinal);
        if (GatewayInstructions.For(e, call) is { } instruction)
        {
            // A connect replaces an emergency advice: the caller is no longer waiting.
            _recovering[call.CallId] = (gatewayId, instruction);
        }
        else if (e is CallTransferred or CallCompleted or CallAbandoned or CallbackRequested or CallMaxWaitReached or SafetyNetCallbackCreated)
        {
            // The call left the agent, or the caller left the line: the instruction no longer applies.
            _recovering.Remove(call.CallId);
        }
    }

    private void HandOverRecovered()
    {
        if (_recovering is null)
        {
            return;
        }

        foreach (var (gatewayId, instruction) in _recovering.Values.OrderBy(r => r.Instruction.Sequence))
        {
            _gateways.SendRecovered(gatewayId, instruction);
        }

        Log.GatewayInstructionsRecovered(_logger, _recovering.Count);
        _recovering = null;
    }

    private void TrackWaiting(RoutingEvent e, CallInfo? call)
    {
        if (call?.GatewayId is not { } gatewayId)
        {
            return;
        }

        switch (e)
        {
            case CallQueued or CallTransferred or OfferDeclined or OfferTimedOut or OfferCancelled when !call.IsCallback:
                WaitingOnLine[call.CallId] = gatewayId;
                break;
            case CallOffered or CallCompleted or CallAbandoned or CallbackRequested or CallMaxWaitReached or SafetyNetCallbackCreated:
                WaitingOnLine.TryRemove(call.CallId, out _);
                break;
        }
    }

    private CallInfo? Track(CallEvent e)
    {
        if (e is CallArrived arrived)
        {
            var info = new CallInfo
            {
                CallId = arrived.CallId,
                ArrivedAt = arrived.At,
                GatewayId = arrived.GatewayId,
                Urgency = arrived.Decision.Urgency,
                QueueId = arrived.Decision.QueueId,
                ReasonCode = arrived.Input.ReasonCode,
                CallerWords = arrived.Input.CallerWords,
                FiredRuleIds = arrived.Decision.FiredRuleIds,
                RuleSetVersion = arrived.Decision.RuleSetVersion,
            };
            _calls[info.CallId] = info;
            return info;
        }

        if (!_calls.TryGetValue(e.CallId, out var call))
        {
            return null;
        }

        switch (e)
        {
            case CallRetriaged x:
                call.Urgency = x.To;
                call.CallerWords = x.Input.CallerWords;
                call.FiredRuleIds = x.Decision.FiredRuleIds;
                call.RuleSetVersion = x.Decision.RuleSetVersion;
                break;
            case CallUrgencyChanged x:
                call.Urgency = x.To;
                break;
            case CallQueued x:
                call.QueueId = x.QueueId;
                break;
            case CallTransferred x:
                call.QueueId = x.ToQueueId;
                break;
            case CallbackRequested or CallMaxWaitReached or SafetyNetCallbackCreated:
                call.IsCallback = true;
                break;
        }

        return call;
    }

    private static bool IsFinal(RoutingEvent e) => e is CallCompleted or CallAbandoned { BecomesSafetyNetCallback: false };
}
