using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Runtime;
using Routing.Server.Errors;
using Routing.V1;

namespace Routing.Server.Simulation;

/// <summary>
/// SimulationService: the harness's hold on the virtual clock. Mapped on every server so a harness pointed at a
/// production one gets a clear FAILED_PRECONDITION, never UNIMPLEMENTED and never a moved clock.
/// </summary>
internal sealed class SimulationGrpcService : SimulationService.SimulationServiceBase
{
    private readonly ClockAdvancer _advancer;

    public SimulationGrpcService(ClockAdvancer advancer) => _advancer = advancer;

    public override async Task<AdvanceClockResponse> AdvanceClock(AdvanceClockRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!_advancer.Enabled)
        {
            throw RpcErrors.FailedPrecondition(
                "SIMULATION_MODE",
                SimulationSettings.EnabledKey,
                $"AdvanceClock moves the virtual clock of a server started in simulation mode ({SimulationSettings.EnabledKey}=true); this server runs on the wall clock.");
        }

        DateTimeOffset? until = null;
        if (request.Until is { } timestamp)
        {
            try
            {
                until = timestamp.ToDateTimeOffset();
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException)
            {
                throw RpcErrors.InvalidArgument("until", "until is not a valid timestamp (seconds or nanos out of range).");
            }
        }

        AdvanceOutcome outcome;
        try
        {
            outcome = await _advancer.AdvanceAsync(until, request.StopOnOffer, context.CancellationToken);
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "until")
        {
            throw RpcErrors.InvalidArgument("until", $"until ({until.GetValueOrDefault():O}) is earlier than the virtual time now ({_advancer.Now:O}); the clock never runs backwards.");
        }
        catch (Exception ex) when (ex is RoutingDomainStoppedException or InvalidOperationException)
        {
            throw RpcErrors.Unavailable("The server is stopping; the clock was not advanced further.");
        }

        return ToResponse(outcome);
    }

    private static AdvanceClockResponse ToResponse(AdvanceOutcome outcome)
    {
        var response = new AdvanceClockResponse
        {
            Now = Timestamp.FromDateTimeOffset(outcome.Now),
            LastSequence = outcome.LastSequence,
            StoppedOnOffer = outcome.StoppedOnOffer,
            TimerInstants = outcome.TimerInstants,
        };
        foreach (var w in outcome.Watermarks)
        {
            response.Watermarks.Add(w.IsAgent
                ? new SessionWatermark { AgentId = w.SessionId, EventSequence = w.EventSequence }
                : new SessionWatermark { GatewayId = w.SessionId, EventSequence = w.EventSequence });
        }

        return response;
    }
}
