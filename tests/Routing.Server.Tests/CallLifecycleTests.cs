using Routing.Server.Tests.Infrastructure;
using Routing.V1;
using Instruction = Routing.V1.GatewaySessionResponse.InstructionOneofCase;

namespace Routing.Server.Tests;

public sealed class CallLifecycleTests
{
    [Fact]
    public async Task A_scheduling_call_is_offered_answered_connected_completed_and_counted()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await using var agent = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await agent.NextStateAsync(AgentState.Available);

        var decision = await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        Assert.Equal(Urgency.Routine, decision.Urgency);
        Assert.Equal("scheduling", decision.QueueId);
        Assert.False(decision.EmergencyAdvice);

        var offer = await agent.NextOfferAsync();
        Assert.Equal("call-1", offer.CallId);
        Assert.Equal("scheduling", offer.QueueId);
        Assert.Equal(Urgency.Routine, offer.Urgency);
        var reserved = await agent.NextStateAsync(AgentState.Reserved);
        Assert.Equal("call-1", reserved.CallId);

        await agent.AcceptAsync("call-1");
        var connect = await gateway.NextAsync("call-1", Instruction.ConnectToAgent);
        Assert.Equal("sched-01", connect.ConnectToAgent.AgentId);
        Assert.True(connect.Sequence > 0, "instructions carry a sequence the gateway acknowledges");
        Assert.True(connect.Sequence > decision.DecisionSequence, "the connect comes after the arrival it answers");
        Assert.Equal("call-1", (await agent.NextStateAsync(AgentState.OnCall)).CallId);

        await agent.CompleteAsync("call-1");
        Assert.Equal("call-1", (await agent.NextStateAsync(AgentState.WrapUp)).CallId);

        using var dashboard = host.Stats.WatchQueueStats(new WatchQueueStatsRequest());
        var stats = new MessagePump<WatchQueueStatsResponse>(dashboard.ResponseStream, "dashboard");
        var first = await stats.NextAsync(_ => true, "the first statistics message");
        Assert.True(first.Snapshot, "the first message of a watch is the full snapshot");
        var routine = Wallboard.Class(first, "scheduling", Urgency.Routine);
        Assert.Equal(1, routine.Offered);
        Assert.Equal(1, routine.Answered);
        Assert.Equal(0, routine.Abandoned);
        Assert.Equal(0, routine.Waiting);
        Assert.Contains(first.Queues, q => q.QueueId == "clinical-triage");
    }
}
