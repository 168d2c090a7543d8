using Routing.Core.Calls;
using Routing.Core.Queues;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Tests.Queues;

/// <summary>The order index answers "how many are ahead" exactly as counting the line would, through any joins and leaves.</summary>
public sealed class WaitingRankTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Calls_ahead_match_a_count_of_the_line_through_random_joins_and_leaves(int seed)
    {
        var random = new Random(seed);
        var urgencies = Enum.GetValues<Urgency>();
        var calls = Enumerable.Range(0, 400).Select(i => new Call(
            $"c{i}",
            new TriageInput(),
            new TriageDecision(urgencies[random.Next(urgencies.Length)], "q", [], "v", HasRedFlag: false),
            priority: 0,
            arrivedAt: default,
            arrivalOrder: i,
            // Few distinct keys, so ties on the key are decided by arrival, as in a real line with priorities.
            orderKey: random.Next(0, 40))).ToList();
        var rank = new WaitingRank();
        var line = new List<Call>();

        for (var step = 0; step < 4_000; step++)
        {
            var call = calls[random.Next(calls.Count)];
            if (line.Contains(call))
            {
                rank.Remove(call);
                line.Remove(call);
            }
            else
            {
                rank.Add(call);
                line.Add(call);
            }

            Assert.Equal(line.Count, rank.Count);
            var probe = calls[random.Next(calls.Count)];
            Assert.Equal(line.Count(c => CallOrder.Instance.Compare(c, probe) < 0), rank.Ahead(probe));
        }

        // And every call in the final line stands exactly at its sorted place.
        var sorted = line.Order(CallOrder.Instance).ToList();
        Assert.All(sorted, c => Assert.Equal(sorted.IndexOf(c), rank.Ahead(c)));
    }

    [Fact]
    public void Removing_a_call_that_is_not_in_the_line_is_refused()
    {
        var rank = new WaitingRank();
        var waiting = new Call("in", new TriageInput(), new TriageDecision(Urgency.Routine, "q", [], "v", false), 0, default, 1, 1);
        var stranger = new Call("out", new TriageInput(), new TriageDecision(Urgency.Routine, "q", [], "v", false), 0, default, 2, 2);
        rank.Add(waiting);

        Assert.Throws<InvalidOperationException>(() => rank.Remove(stranger));
        Assert.Equal(1, rank.Count);
        Assert.Equal(1, rank.Ahead(stranger));
    }
}
