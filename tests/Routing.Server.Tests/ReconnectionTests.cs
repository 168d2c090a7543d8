using Routing.Core.Events;
using Routing.Server.Tests.Infrastructure;
using Routing.V1;
using Instruction = Routing.V1.GatewaySessionResponse.InstructionOneofCase;

namespace Routing.Server.Tests;

public sealed class ReconnectionTests
{
    // Shorter than the scheduling queue's 20 s ring timeout, so the grace logout (not a ring-no-answer) frees the call.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_desktop_that_drops_while_ringing_is_logged_out_after_the_grace_period_and_the_call_keeps_its_place()
    {
        await using var host = await RoutingTestHost.StartAsync(("Routing:AgentGracePeriod", "00:00:05"));
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await using var first = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        Assert.Equal("call-1", (await first.NextOfferAsync()).CallId);

        // A later caller waits behind the ringing call.
        var later = await host.Calls.OfferCallAsync(Offers.Scheduling("call-2"));
        Assert.Equal(0, later.Position);

        await first.DropAsync();
        await host.Clock.WaitForTimerAsync(Grace);
        host.Clock.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await host.JournalAsync(), e => e is AgentLoggedOut);

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await host.WaitForEventAsync<AgentLoggedOut>(e => e.AgentId == "sched-01", "grace logout of sched-01");

        // The ringing call went back to its original place, ahead of the caller who arrived after it.
        await using var second = await AgentDesk.ReadyAsync(host, "sched-02", AgentRole.NonClinical);
        var offer = await second.NextOfferAsync();
        Assert.Equal("call-1", offer.CallId);
        await second.AcceptAsync("call-1");
        Assert.Equal("sched-02", (await gateway.NextAsync("call-1", Instruction.ConnectToAgent)).ConnectToAgent.AgentId);
    }

    [Fact]
    public async Task A_desktop_that_logs_out_and_closes_its_stream_is_not_taken_for_a_dropped_one()
    {
        await using var host = await RoutingTestHost.StartAsync(("Routing:AgentGracePeriod", "00:00:05"));
        await using var desk = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await desk.AcceptedAsync(new AgentSessionRequest { Logout = new LogoutCommand() });
        await desk.CloseAsync();

        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains("session dropped", StringComparison.Ordinal));
        Assert.Single(await host.JournalAsync(), e => e is AgentLoggedOut { AgentId: "sched-01" });
    }

    [Fact]
    public async Task A_desktop_that_closes_its_stream_without_logging_out_is_logged_out_after_the_grace_period()
    {
        await using var host = await RoutingTestHost.StartAsync(("Routing:AgentGracePeriod", "00:00:05"));
        await using var desk = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await desk.CloseAsync();

        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("sched-01 session dropped", StringComparison.Ordinal));
        await host.Clock.WaitForTimerAsync(Grace);
        host.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
        await host.WaitForEventAsync<AgentLoggedOut>(e => e.AgentId == "sched-01", "grace logout of sched-01");
    }

    [Fact]
    public async Task A_dropped_ringing_desktop_with_another_agent_ready_hands_the_call_over_after_the_grace_period()
    {
        await using var host = await RoutingTestHost.StartAsync(("Routing:AgentGracePeriod", "00:00:05"));
        await using var first = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        Assert.Equal("call-1", (await first.NextOfferAsync()).CallId);
        await using var second = await AgentDesk.ReadyAsync(host, "sched-02", AgentRole.NonClinical);

        await first.DropAsync();
        await host.Clock.WaitForTimerAsync(Grace);
        host.Clock.Advance(Grace + TimeSpan.FromSeconds(1));

        var offer = await second.NextOfferAsync();
        Assert.Equal("call-1", offer.CallId);
        Assert.Equal("scheduling", offer.QueueId);
    }

    [Fact]
    public async Task A_desktop_that_reconnects_within_the_grace_period_stays_logged_in()
    {
        await using var host = await RoutingTestHost.StartAsync(("Routing:AgentGracePeriod", "00:00:05"));
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await using var dropped = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await dropped.DropAsync();
        await host.Clock.WaitForTimerAsync(Grace);
        host.Clock.Advance(TimeSpan.FromSeconds(3));

        await using var desk = AgentDesk.Open(host, "sched-01");
        await desk.LogInAsync(AgentRole.NonClinical);

        // Re-briefed at once: still available, nothing lost.
        Assert.Equal(string.Empty, (await desk.NextStateAsync(AgentState.Available)).CallId);

        // Well past when the dropped session's grace would have ended.
        host.Clock.Advance(Grace * 2);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        Assert.Equal("call-1", (await desk.NextOfferAsync()).CallId);
        await desk.AcceptAsync("call-1");
        await gateway.NextAsync("call-1", Instruction.ConnectToAgent);
        Assert.DoesNotContain(await host.JournalAsync(), e => e is AgentLoggedOut);
    }

    [Fact]
    public async Task A_gateway_that_reconnects_gets_exactly_the_instructions_after_its_last_acknowledgement_in_order()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var agent = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");

        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        await agent.HandleNextCallAsync();
        var one = await gateway.NextAsync("call-1", Instruction.ConnectToAgent);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-2"));
        await agent.HandleNextCallAsync();
        var two = await gateway.NextAsync("call-2", Instruction.ConnectToAgent);
        await gateway.AckAsync(one.Sequence);

        // The gateway goes away before acknowledging call-2's connect; call-3 is connected while it is away.
        await gateway.DropAsync();
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-3"));
        await agent.HandleNextCallAsync();

        await using var back = await GatewayLink.ConnectAsync(host, "gw-1", lastAcknowledged: one.Sequence);
        var resent = await back.NextAsync();
        var missed = await back.NextAsync();
        Assert.Equal(two.Sequence, resent.Sequence);
        Assert.Equal("call-2", resent.CallId);
        Assert.Equal(Instruction.ConnectToAgent, resent.InstructionCase);
        Assert.Equal("call-3", missed.CallId);
        Assert.Equal(Instruction.ConnectToAgent, missed.InstructionCase);
        Assert.True(missed.Sequence > resent.Sequence);

        // Nothing else was pending: the next instruction the gateway sees is a new one.
        await back.AckAsync(missed.Sequence);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-4"));
        await agent.HandleNextCallAsync();
        var next = await back.NextAsync();
        Assert.Equal("call-4", next.CallId);
        Assert.Equal([two.Sequence, missed.Sequence, next.Sequence], back.Inbox.All.Select(m => m.Sequence));
    }
}
