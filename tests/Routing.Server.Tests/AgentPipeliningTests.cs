using Routing.Server.Tests.Infrastructure;
using Routing.V1;

namespace Routing.Server.Tests;

/// <summary>A desktop may send commands without waiting for each reply; they run, and are answered, in order.</summary>
public sealed class AgentPipeliningTests
{
    [Fact]
    public async Task Commands_sent_back_to_back_are_executed_and_answered_in_the_order_sent()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var desk = AgentDesk.Open(host, "sched-01");
        await desk.LogInAsync(AgentRole.NonClinical);

        const int Count = 41;
        for (var i = 1; i <= Count; i++)
        {
            await desk.WriteAsync(i % 2 == 1
                ? new AgentSessionRequest { RequestId = $"r{i}", Ready = new ReadyCommand() }
                : new AgentSessionRequest { RequestId = $"r{i}", NotReady = new NotReadyCommand { Reason = "break" } });
        }

        await desk.Inbox.NextAsync(m => m.CommandAccepted?.RequestId == $"r{Count}", "the last reply");

        var answered = desk.Inbox.All
            .Select(m => m.CommandAccepted?.RequestId ?? m.CommandRejected?.RequestId)
            .Where(id => id is not null && id.StartsWith('r'))
            .ToArray();
        Assert.Equal(Enumerable.Range(1, Count).Select(i => $"r{i}"), answered);

        // The odd count ends on Ready: had any two commands been swapped, the journal would show it.
        var journal = await host.JournalAsync();
        var states = journal.OfType<Core.Events.AgentEvent>().Where(e => e.AgentId == "sched-01").Skip(1).Select(e => e.GetType().Name).ToArray();
        Assert.Equal(Count, states.Length);
        Assert.All(states.Select((name, i) => (name, i)), x => Assert.Equal(x.i % 2 == 0 ? "AgentBecameAvailable" : "AgentNotReady", x.name));
    }
}
