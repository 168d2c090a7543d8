using Microsoft.Extensions.Time.Testing;
using Routing.Core.Events;
using Routing.Runtime;
using static Routing.Core.Tests.Runtime.RuntimeTestKit;

namespace Routing.Core.Tests.Runtime;

public sealed class InMemoryEventJournalTests
{
    private static List<RoutingEvent> Events(int agents)
    {
        var engine = NewEngine(new FakeTimeProvider());
        return Enumerable.Range(0, agents).SelectMany(i => engine.Execute(Agent($"a{i}")).Events).ToList();
    }

    [Fact]
    public async Task Reads_from_any_sequence_in_order_across_chunks()
    {
        var events = Events(600);
        var journal = new InMemoryEventJournal();
        await journal.AppendAsync(events[..250], CancellationToken.None);
        await journal.AppendAsync(events[250..], CancellationToken.None);

        var all = new List<RoutingEvent>();
        await foreach (var e in journal.ReadAllAsync(1, CancellationToken.None))
        {
            all.Add(e);
        }

        Assert.Equal(events, all);
        var tail = new List<RoutingEvent>();
        await foreach (var e in journal.ReadAllAsync(301, CancellationToken.None))
        {
            tail.Add(e);
        }

        AssertContiguous(tail, 301, 600);
        await foreach (var e in journal.ReadAllAsync(601, CancellationToken.None))
        {
            Assert.Fail($"nothing after the end, got {e.Sequence}");
        }
    }

    [Fact]
    public async Task Refuses_an_append_that_leaves_a_gap_and_keeps_nothing_of_it()
    {
        var events = Events(5);
        var journal = new InMemoryEventJournal();
        await journal.AppendAsync(events[..2], CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.AppendAsync(events[3..], CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.AppendAsync([events[2], events[4]], CancellationToken.None).AsTask());
        Assert.Equal(2, journal.LastSequence);

        await journal.AppendAsync(events[2..], CancellationToken.None);
        Assert.Equal(events, journal.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => journal.ReadAllAsync(0, CancellationToken.None));
    }
}
