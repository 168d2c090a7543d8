using Routing.Server.Tests.Infrastructure;
using Routing.V1;
using Instruction = Routing.V1.GatewaySessionResponse.InstructionOneofCase;

namespace Routing.Server.Tests;

public sealed class EmergencyFastTrackTests
{
    [Fact]
    public async Task Chest_tightness_behind_a_scheduling_backlog_goes_straight_to_the_clinician_with_emergency_advice()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await using var scheduler = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await using var nurse = await AgentDesk.ReadyAsync(host, "nurse-01", AgentRole.Clinician);

        // The scheduler is busy with one caller and five more are waiting for scheduling.
        await host.Calls.OfferCallAsync(Offers.Scheduling("sched-0"));
        var busy = await scheduler.NextOfferAsync();
        await scheduler.AcceptAsync(busy.CallId);
        for (var i = 1; i <= 5; i++)
        {
            var waiting = await host.Calls.OfferCallAsync(Offers.Scheduling($"sched-{i}"));
            Assert.Equal("scheduling", waiting.QueueId);
            Assert.Equal(i - 1, waiting.Position);
        }

        var decision = await host.Calls.OfferCallAsync(Offers.ChestTightness("chest-1"));

        Assert.Equal(Urgency.Emergency, decision.Urgency);
        Assert.Equal("clinical-triage", decision.QueueId);
        Assert.True(decision.EmergencyAdvice);
        Assert.NotEmpty(decision.FiredRuleIds);
        Assert.False(string.IsNullOrEmpty(decision.RuleSetVersion));
        Assert.Equal(0, decision.Position);

        var advice = await gateway.NextAsync("chest-1", Instruction.PlayEmergencyAdvice);
        Assert.True(advice.Sequence > 0);

        var offer = await nurse.NextOfferAsync();
        Assert.Equal("chest-1", offer.CallId);
        Assert.Equal("clinical-triage", offer.QueueId);
        Assert.Equal(Urgency.Emergency, offer.Urgency);
        Assert.Equal(decision.FiredRuleIds, offer.FiredRuleIds);
        await nurse.AcceptAsync("chest-1");
        Assert.Equal("nurse-01", (await gateway.NextAsync("chest-1", Instruction.ConnectToAgent)).ConnectToAgent.AgentId);

        // When the scheduler frees up, the next call is the oldest scheduling caller, never the emergency.
        await scheduler.CompleteAsync(busy.CallId);
        await scheduler.EndWrapUpAsync();
        Assert.Equal("sched-1", (await scheduler.NextOfferAsync()).CallId);
        Assert.DoesNotContain(scheduler.Offers, o => o.CallId == "chest-1");
        Assert.DoesNotContain(nurse.Offers, o => o.CallId.StartsWith("sched-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ringing_scheduling_call_that_turns_out_to_be_an_emergency_is_taken_from_the_scheduler_and_given_to_the_clinician()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await using var scheduler = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        Assert.Equal("call-1", (await scheduler.NextOfferAsync()).CallId);

        // While it rings, the IVR hears more: the caller cannot breathe.
        var update = await host.Calls.UpdateCallAsync(new UpdateCallRequest { CallId = "call-1", GatewayId = "gw-1", CallerWords = "and I cant breathe" });
        Assert.Equal(Urgency.Emergency, update.Urgency);
        Assert.Equal("clinical-triage", update.QueueId);
        Assert.True(update.UrgencyRaised);
        Assert.True(update.EmergencyAdvice);

        var cancelled = await scheduler.Inbox.NextAsync(m => m.OfferCancelled is not null, "the offer withdrawn");
        Assert.Equal("call-1", cancelled.OfferCancelled.CallId);
        Assert.Equal(OfferCancelReason.Rerouted, cancelled.OfferCancelled.Reason);
        await gateway.NextAsync("call-1", Instruction.PlayEmergencyAdvice);
        var refused = await scheduler.RejectedAsync(new AgentSessionRequest { AcceptOffer = new AcceptOfferCommand { CallId = "call-1" } });
        Assert.Equal(CommandRejectionCode.FailedPrecondition, refused.Code);

        await using var nurse = await AgentDesk.ReadyAsync(host, "nurse-01", AgentRole.Clinician);
        var offer = await nurse.NextOfferAsync();
        Assert.Equal("call-1", offer.CallId);
        Assert.Equal(Urgency.Emergency, offer.Urgency);
        await nurse.AcceptAsync("call-1");
        Assert.Equal("nurse-01", (await gateway.NextAsync("call-1", Instruction.ConnectToAgent)).ConnectToAgent.AgentId);
    }
}
