using Routing.Server.Tests.Infrastructure;
using Routing.V1;
using Instruction = Routing.V1.GatewaySessionResponse.InstructionOneofCase;

namespace Routing.Server.Tests;

/// <summary>What a gateway hears when it reconnects to a server that was restarted on the same journal.</summary>
public sealed class RestartRecoveryTests
{
    [Fact]
    public async Task After_a_restart_a_gateway_gets_the_connect_it_never_acknowledged_and_nothing_for_calls_that_ended()
    {
        var directory = Directory.CreateTempSubdirectory("routing-restart-");
        (string, string)[] durable = [("Routing:Storage:Journal", "Sqlite"), ("Routing:Storage:Path", Path.Combine(directory.FullName, "routing.db"))];
        try
        {
            long acknowledged;
            long lost;
            await using (var host = await RoutingTestHost.StartAsync(durable))
            {
                await using var first = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
                await using var second = await AgentDesk.ReadyAsync(host, "sched-02", AgentRole.NonClinical);
                await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");

                // call-1: connected, and the gateway acknowledges the connect.
                await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
                Assert.Equal("call-1", (await first.NextOfferAsync()).CallId);
                await first.AcceptAsync("call-1");
                acknowledged = (await gateway.NextAsync("call-1", Instruction.ConnectToAgent)).Sequence;
                await gateway.AckAsync(acknowledged);

                // call-2: connected, but its connect is never acknowledged (for all the server knows, it was lost).
                await host.Calls.OfferCallAsync(Offers.Scheduling("call-2"));
                Assert.Equal("call-2", (await second.NextOfferAsync()).CallId);
                await second.AcceptAsync("call-2");
                lost = (await gateway.NextAsync("call-2", Instruction.ConnectToAgent)).Sequence;

                // call-3: connected after call-2 and over before the stop; its connect is unacknowledged too.
                await first.CompleteAsync("call-1");
                await first.EndWrapUpAsync();
                await host.Calls.OfferCallAsync(Offers.Scheduling("call-3"));
                Assert.Equal("call-3", (await first.NextOfferAsync()).CallId);
                await first.AcceptAsync("call-3");
                await gateway.NextAsync("call-3", Instruction.ConnectToAgent);
                await first.CompleteAsync("call-3");
            }

            await using (var restarted = await RoutingTestHost.StartAsync(durable))
            {
                await using var back = await GatewayLink.ConnectAsync(restarted, "gw-1", lastAcknowledged: acknowledged);
                var resent = await back.NextAsync();
                Assert.Equal(("call-2", Instruction.ConnectToAgent, lost, "sched-02"), (resent.CallId, resent.InstructionCase, resent.Sequence, resent.ConnectToAgent.AgentId));

                // Nothing else was owed: the next instruction is a new one (emergency advice needs no agent).
                await restarted.Calls.OfferCallAsync(Offers.ChestTightness("call-4"));
                var next = await back.NextAsync();
                Assert.Equal(("call-4", Instruction.PlayEmergencyAdvice), (next.CallId, next.InstructionCase));
                Assert.Equal([lost, next.Sequence], back.Inbox.All.Select(m => m.Sequence));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
