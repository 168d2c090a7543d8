using Routing.Server.Tests.Infrastructure;
using Routing.V1;
using Instruction = Routing.V1.GatewaySessionResponse.InstructionOneofCase;

namespace Routing.Server.Tests;

public sealed class DashboardTests
{
    private const int Calls = 500;

    [Fact]
    public async Task A_dashboard_that_never_reads_does_not_stall_routing()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await using var agent = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);

        // Opened and then never read, for the whole run.
        using var stalled = host.Stats.WatchQueueStats(new WatchQueueStatsRequest());
        await Wait.For(stalled.ResponseHeadersAsync, "the stalled dashboard's stream to open");

        for (var i = 0; i < Calls; i++)
        {
            var callId = $"call-{i}";
            await host.Calls.OfferCallAsync(Offers.Scheduling(callId));
            var offer = await agent.NextOfferAsync();
            Assert.Equal(callId, offer.CallId);
            await agent.AcceptAsync(callId);
            var connect = await gateway.NextAsync(callId, Instruction.ConnectToAgent);
            await gateway.AckAsync(connect.Sequence);
            await agent.CompleteAsync(callId);
            await agent.EndWrapUpAsync();
        }

        using var late = host.Stats.WatchQueueStats(new WatchQueueStatsRequest { QueueIds = { "scheduling" } });
        var stats = new MessagePump<WatchQueueStatsResponse>(late.ResponseStream, "late dashboard");
        var snapshot = await stats.NextAsync(_ => true, "the snapshot");
        Assert.True(snapshot.Snapshot);
        var queue = Assert.Single(snapshot.Queues);
        Assert.Equal("scheduling", queue.QueueId);
        var routine = Wallboard.Class(snapshot, "scheduling", Urgency.Routine);
        Assert.Equal(Calls, routine.Offered);
        Assert.Equal(Calls, routine.Answered);
        Assert.Equal(0, routine.Waiting);

        // The stalled dashboard, read at last, catches up to the same figures: it was kept the newest snapshot, not
        // a backlog of every one (thousands were published while it stalled; the transport held ~64 KB of them).
        var caughtUp = new MessagePump<WatchQueueStatsResponse>(stalled.ResponseStream, "stalled dashboard");
        await caughtUp.NextAsync(m => m.Queues.Any(q => q.QueueId == "scheduling" && q.Classes.Any(c => c.Answered == Calls)), "the final figures");
        Assert.True(caughtUp.All.Count < Calls, $"the stalled dashboard was sent {caughtUp.All.Count} snapshots");
    }

    [Fact]
    public async Task The_wallboard_shows_a_waiting_callers_wait_growing_while_nothing_else_happens()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        using var watch = host.Stats.WatchQueueStats(new WatchQueueStatsRequest { QueueIds = { "scheduling" } });
        var wallboard = new MessagePump<WatchQueueStatsResponse>(watch.ResponseStream, "wallboard");
        var snapshot = await wallboard.NextAsync(m => m.Snapshot, "the snapshot");
        Assert.Equal(1, Wallboard.Class(snapshot, "scheduling", Urgency.Routine).Waiting);

        // No event: the caller just waits, and the wallboard must not freeze at the wait it showed first. The refresh
        // timer is armed once a dashboard watches: wait for it, or the jump could come first and leave it never firing.
        await host.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        host.Clock.Advance(TimeSpan.FromSeconds(90));
        var update = await wallboard.NextAsync(
            m => Wallboard.Class(m, "scheduling", Urgency.Routine).OldestWait.ToTimeSpan() >= TimeSpan.FromSeconds(89),
            "an update showing the caller has waited 90 s");
        Assert.False(update.Snapshot);
        Assert.Equal(1, Wallboard.Class(update, "scheduling", Urgency.Routine).Waiting);
    }
}
