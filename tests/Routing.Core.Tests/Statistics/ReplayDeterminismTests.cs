using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Statistics;
using Routing.Core.Triage;
using Routing.Core.Urgencies;
using static Routing.Core.Tests.Statistics.StatisticsTestOptions;

namespace Routing.Core.Tests.Statistics;

public sealed class ReplayDeterminismTests
{
    private static readonly TriageInput[] Inputs =
    [
        new() { ReasonCode = "SCHEDULING" },
        new() { ReasonCode = "SCHEDULING" },
        new() { ReasonCode = "REFILL" },
        new() { ReasonCode = "BILLING" },
        new() { ReasonCode = "SYMPTOM", ScreenCompleted = true },
        new() { ReasonCode = "SYMPTOM" },
        new() { ReasonCode = "SYMPTOM", RedFlags = ["CARDIAC_CHEST"] },
        new() { ReasonCode = "SCHEDULING", CallerAge = 80 },
    ];

    [Fact]
    public void Replaying_the_journal_into_a_fresh_collector_rebuilds_identical_reports()
    {
        var h = Simulate(seed: 42, steps: 2400);
        var live = h.Statistics;
        var replayed = new ServiceLevelStatistics(StatisticsOptions.For(h.Engine.State.Options));
        foreach (var e in h.Journal)
        {
            replayed.Apply(e);
        }

        var from = EventScript.T0;
        var to = h.Now.AddMinutes(15);
        var report = live.Report(from, to);

        // The scenario is not vacuous: every kind of figure has data.
        var total = live.Aggregate(from, to);
        Assert.True(total.Answered > 50 && total.Abandoned > 5 && total.Callbacks > 0 && total.TimeToClinician.Count > 5, total.ToString());
        Assert.True(total.HandledLegs > 50 && total.EscalationWarnings > 0, total.ToString());
        Assert.True(report.Select(p => p.IntervalStart).Distinct().Count() > 4);

        Assert.Equal(report, replayed.Report(from, to));
        Assert.Equal(total, replayed.Aggregate(from, to));
        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            Assert.Equal(live.Aggregate(from, to, Clinical, urgency), replayed.Aggregate(from, to, Clinical, urgency));
        }

        Assert.Equal(live.OccupancyReport(from, to), replayed.OccupancyReport(from, to));
        Assert.Equal(live.Snapshot(h.Now), replayed.Snapshot(h.Now));
        Assert.Equal(live.Snapshot(h.Now, from), replayed.Snapshot(h.Now, from));
        Assert.Equal((live.LastSequence, live.TrackedCalls, live.TrackedAgents), (replayed.LastSequence, replayed.TrackedCalls, replayed.TrackedAgents));
    }

    [Fact]
    public void A_different_history_gives_a_different_report()
    {
        // Guards the test above against comparing things that are always equal.
        var a = Simulate(seed: 42, steps: 600);
        var b = Simulate(seed: 43, steps: 600);
        var to = EventScript.T0.AddHours(2);
        Assert.NotEqual(a.Statistics.Report(EventScript.T0, to), b.Statistics.Report(EventScript.T0, to));
    }

    [Fact]
    public void Events_must_come_in_sequence_order()
    {
        var script = new EventScript();
        script.Arrive("a", 0);
        var statistics = script.Feed();
        Assert.Throws<InvalidOperationException>(() => statistics.Apply(script.Events[0]));
    }

    /// <summary>A random but seeded day in the life of the engine: arrivals, offers, declines, hang-ups, raises, transfers.</summary>
    private static StatsEngineHarness Simulate(int seed, int steps)
    {
        var random = new Random(seed);
        var h = new StatsEngineHarness(StatisticsTestOptions.DefaultRouting(wrapUp: TimeSpan.FromSeconds(15), ringTimeout: TimeSpan.FromSeconds(20)));
        string[] agents = ["n1", "n2", "n3", "c1", "c2"];
        foreach (var agent in agents)
        {
            h.LogIn(agent, agent[0] == 'c' ? AgentRole.Clinician : AgentRole.NonClinical);
        }

        var next = 0;
        for (var step = 0; step < steps; step++)
        {
            h.At(step * 3);
            h.Execute(AdvanceTime.Instance);
            if (random.NextDouble() < 0.3)
            {
                h.Execute(new OfferCall($"call-{next++}", Inputs[random.Next(Inputs.Length)]));
            }

            foreach (var id in agents)
            {
                var agent = h.Engine.State.FindAgent(id)!;
                var roll = random.NextDouble();
                RoutingCommand? command = agent.Status switch
                {
                    AgentStatus.LoggedOut when roll < 0.05 => new LogIn(id, agent.Role, []),
                    AgentStatus.NotReady when roll < 0.2 => new SetReady(id),
                    AgentStatus.Reserved when roll < 0.5 => new AcceptOffer(id, agent.CallId!),
                    AgentStatus.Reserved when roll < 0.55 => new DeclineOffer(id, agent.CallId!, "busy"),
                    AgentStatus.OnCall when roll < 0.06 => new CompleteCall(id, agent.CallId!),
                    AgentStatus.OnCall when roll < 0.07 => new TransferCall(id, agent.CallId!, Clinical),
                    AgentStatus.OnCall when roll < 0.075 => new ChangeUrgency(id, agent.CallId!, Urgency.Urgent, "worse"),
                    AgentStatus.WrapUp when roll < 0.3 => new EndWrapUp(id),
                    AgentStatus.Available when roll < 0.004 => new SetNotReady(id, "break"),
                    AgentStatus.Available when roll < 0.006 => new LogOut(id),
                    _ => null,
                };
                if (command is not null)
                {
                    h.Execute(command);
                }
            }

            foreach (var call in h.Engine.State.Calls.Where(c => c.Place == CallPlace.Queued).ToArray())
            {
                var roll = random.NextDouble();
                RoutingCommand? command = roll switch
                {
                    < 0.01 => new EndCall(call.Id, CallEndReason.CallerHungUp),
                    < 0.013 => new RequestCallback(call.Id),
                    < 0.015 => new UpdateCall(call.Id, new TriageInput { RedFlags = ["STROKE"] }),
                    _ => null,
                };
                if (command is not null)
                {
                    h.Execute(command);
                }
            }
        }

        return h;
    }
}
