using Google.Rpc;
using Grpc.Core;
using Routing.Server.Calls;
using Routing.Server.Tests.Infrastructure;
using Routing.V1;

namespace Routing.Server.Tests;

public sealed class OverloadTests
{
    [Fact]
    public async Task At_intake_capacity_a_routine_offer_is_told_to_retry_while_an_emergency_is_taken()
    {
        await using var host = await RoutingTestHost.StartAsync(("Routing:IntakeCapacity", "1"), ("Routing:IntakeRetryAfter", "00:00:03"));
        var intake = host.Service<IntakeGate>();

        // A command from another gateway is in flight: intake is full.
        intake.Enter();
        try
        {
            var ex = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => host.Calls.OfferCallAsync(Offers.Scheduling("routine-1")).ResponseAsync);
            Assert.Equal(TimeSpan.FromSeconds(3), RpcAssert.Detail<RetryInfo>(ex).RetryDelay.ToTimeSpan());

            var emergency = await host.Calls.OfferCallAsync(Offers.ChestTightness("chest-1"));
            Assert.Equal(Urgency.Emergency, emergency.Urgency);
            Assert.Equal("clinical-triage", emergency.QueueId);
        }
        finally
        {
            intake.Leave();
        }

        // The load passed: the refused routine call gets in on its retry, as a new call.
        var retried = await host.Calls.OfferCallAsync(Offers.Scheduling("routine-1"));
        Assert.Equal("scheduling", retried.QueueId);
        Assert.Equal(0, intake.InFlight);
    }
}
