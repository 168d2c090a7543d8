using Grpc.Core;
using Routing.Server.Tests.Infrastructure;
using Routing.V1;

namespace Routing.Server.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_ends_open_agent_gateway_and_dashboard_streams_cleanly()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var agent = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        using var watch = host.Stats.WatchQueueStats(new WatchQueueStatsRequest());
        var dashboard = new MessagePump<WatchQueueStatsResponse>(watch.ResponseStream, "dashboard");
        await dashboard.NextAsync(m => m.Snapshot, "the snapshot");
        using var events = host.Stats.WatchCallEvents(new WatchCallEventsRequest());
        var feed = new MessagePump<WatchCallEventsResponse>(events.ResponseStream, "call events");
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        await feed.NextAsync(e => e.CallId == "call-1", "the arrival");
        await agent.AcceptAsync((await agent.NextOfferAsync()).CallId);
        await gateway.NextAsync("call-1", GatewaySessionResponse.InstructionOneofCase.ConnectToAgent);

        await host.StopAsync();

        StatusCode[] clean = [StatusCode.OK, StatusCode.Cancelled, StatusCode.Unavailable];
        foreach (var stream in new[] { agent.Inbox.Completion, gateway.Inbox.Completion, dashboard.Completion, feed.Completion })
        {
            var status = await Wait.For(stream, "a stream to end after shutdown");
            Assert.Contains(status.StatusCode, clean);
        }
    }
}
