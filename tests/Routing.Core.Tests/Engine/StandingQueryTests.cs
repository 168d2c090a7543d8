using Routing.Core.Commands;
using Routing.Core.Triage;

namespace Routing.Core.Tests.Engine;

/// <summary>
/// Where callers stand: asked for many at once or one by one, every answer is the caller's place in the line's real
/// order (counted here the slow way) with the wait that follows from it.
/// </summary>
public sealed class StandingQueryTests
{
    [Fact]
    public void Many_callers_at_once_get_the_positions_and_waits_they_get_one_by_one()
    {
        var h = new EngineHarness();
        var random = new Random(7);
        var ids = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var id = $"c{i}";
            ids.Add(id);
            var input = (i % 5) switch
            {
                0 => new TriageInput { ReasonCode = "SYMPTOM", CallerWords = "my leg is swollen and painful, maybe a clot", ScreenCompleted = true },
                1 => new TriageInput { ReasonCode = "SYMPTOM", ScreenCompleted = true },
                2 => new TriageInput { ReasonCode = "SCHEDULING", SeniorProgram = true, ScreenCompleted = true },
                3 => new TriageInput { ReasonCode = "BILLING", ScreenCompleted = true },
                _ => new TriageInput { ReasonCode = "SCHEDULING", ScreenCompleted = true },
            };
            h.Must<OfferCallReply>(new OfferCall(id, input, random.Next(0, 4)));
            h.Time.Advance(TimeSpan.FromSeconds(random.Next(1, 4)));
            if (i is 39 or 79)
            {
                // Let the senior line's early callers overflow to its second level, and timers run.
                h.Advance(TimeSpan.FromSeconds(61));
            }
        }

        h.Must(new RequestCallback("c7"));
        var senior = h.State.FindQueue("senior-line")!;
        Assert.True(h.State.Calls.Any(c => c.QueueId == "senior-line" && c.Level > 0), "no senior call overflowed: the test proves less");
        Assert.True(h.State.Calls.Any(c => c.QueueId == "senior-line" && c.Level == 0), "every senior call overflowed: the test proves less");
        Assert.True(senior.WaitingCount > 8);

        // Duplicates, unknown ids and a callback are asked about too; only waiting callers on the line are answered.
        string[] asked = [.. ids.OrderBy(_ => random.Next()), "c3", "nobody", ""];
        var together = h.Must<StandingReply>(new QueryStanding(asked)).Calls;
        var oneByOne = asked.SelectMany(id => h.Must<StandingReply>(new QueryStanding([id])).Calls).ToList();

        Assert.Equal(oneByOne, together);
        Assert.DoesNotContain(together, s => s.CallId == "c7");
        foreach (var standing in together)
        {
            var queue = h.State.QueueOf(h.Call(standing.CallId));
            var counted = queue.WaitingInOrder().TakeWhile(c => c.Id != standing.CallId).Count();
            Assert.Equal(counted, standing.Position);
            Assert.Equal(queue.EstimatedWait(counted), standing.EstimatedWait);
        }

        Assert.True(together.Count > 100, $"only {together.Count} callers answered: the test proves less");
    }
}
