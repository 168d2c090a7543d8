using Routing.Server.Tests.Infrastructure;
using Instruction = Routing.V1.GatewaySessionResponse.InstructionOneofCase;

namespace Routing.Server.Tests;

/// <summary>Callers waiting on the line hear their position and estimated wait through their gateway.</summary>
public sealed class AnnouncementTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_interval_the_gateway_is_told_where_each_waiting_caller_stands()
    {
        await using var host = await RoutingTestHost.StartAsync(("Routing:AnnounceInterval", "00:01:00"));
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-2"));
        await host.WaitForEventAsync<Core.Events.CallQueued>(e => e.CallId == "call-2", "call-2 queued");

        await host.Clock.WaitForTimerAsync(Interval);
        host.Clock.Advance(Interval);

        var first = await gateway.NextAsync("call-1", Instruction.AnnouncePosition);
        var second = await gateway.NextAsync("call-2", Instruction.AnnouncePosition);
        Assert.Equal(0, first.AnnouncePosition.Position);
        Assert.Equal(1, second.AnnouncePosition.Position);
        Assert.True(second.AnnouncePosition.EstimatedWait.ToTimeSpan() > first.AnnouncePosition.EstimatedWait.ToTimeSpan());
        Assert.Equal(0, first.Sequence);
    }
}
