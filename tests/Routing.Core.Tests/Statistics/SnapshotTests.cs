using Routing.Core.Agents;
using Routing.Core.Events;
using Routing.Core.Statistics;
using Routing.Core.Urgencies;
using static Routing.Core.Tests.Statistics.StatisticsTestOptions;

namespace Routing.Core.Tests.Statistics;

public sealed class SnapshotTests
{
    private static readonly DateTimeOffset Now = EventScript.At(600);

    private static ServiceLevelStatistics Wallboard()
    {
        var s = new EventScript();
        s.LogIn("n1", 0, AgentRole.NonClinical);
        s.LogIn("c1", 0, AgentRole.Clinician);
        s.Ready("n1", 0);
        s.Ready("c1", 0);
        s.Arrive("s1", 0);
        s.Arrive("s3", 60);
        s.Add(new CallbackRequested(EventScript.At(120), "s3"));
        s.Arrive("u1", 200, Clinical, Urgency.Urgent);
        s.Offer("u1", "c1", 200, Clinical);
        s.Answer("u1", 210, "c1", clinician: true);
        s.Arrive("s2", 300);
        s.Arrive("e1", 420, Clinical, Urgency.Emergent);
        s.Add(new EscalationWarning(EventScript.At(480), "e1", Urgency.Emergent, EventScript.At(540)));
        s.Add(new EscalationBreached(EventScript.At(540), "e1", Urgency.Emergent, EventScript.At(540)));
        return s.Feed();
    }

    [Fact]
    public void Snapshot_counts_waiting_calls_callbacks_oldest_waits_breaches_and_agents()
    {
        var snapshot = Wallboard().Snapshot(Now);

        Assert.Equal(["clinical-triage", "scheduling", "prescriptions", "billing", "senior-line"], snapshot.Queues.Select(q => q.QueueId));
        Assert.Equal(TimeSpan.FromMinutes(10), snapshot.LongestWait);

        var scheduling = snapshot.Queues[1];
        var routine = Assert.Single(scheduling.Classes);
        Assert.Equal((Urgency.Routine, 2, 1), (routine.Urgency, routine.Waiting, routine.CallbacksWaiting));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(9)), (routine.OldestWait, routine.OldestCallbackWait));
        Assert.Equal((3, 1, 2), (routine.Window.Offered, routine.Window.Callbacks, routine.Window.Unresolved));

        var clinical = snapshot.Queues[0];
        Assert.Equal([Urgency.Emergent, Urgency.Urgent], clinical.Classes.Select(c => c.Urgency));
        var emergent = clinical.Classes[0];
        Assert.Equal((1, TimeSpan.FromMinutes(3), 1), (emergent.Waiting, emergent.OldestWait, emergent.InBreach));
        Assert.Equal((1, 1), (emergent.Window.EscalationWarnings, emergent.Window.EscalationBreaches));
        var urgent = clinical.Classes[1];
        Assert.Equal((0, 1, 1), (urgent.Waiting, urgent.Window.Answered, urgent.Window.TimeToClinician.Count));

        // Agents a queue may use: clinicians everywhere, non-clinical staff never in the clinical queue.
        Assert.Equal(new AgentStateCounts(AgentRole.NonClinical, 0, 0, 0, 0, 0), clinical.Agents[0]);
        Assert.Equal(new AgentStateCounts(AgentRole.Clinician, 0, 0, 1, 0, 0), clinical.Agents[1]);
        Assert.Equal(new AgentStateCounts(AgentRole.NonClinical, 1, 0, 0, 0, 0), scheduling.Agents[0]);
        Assert.Equal(new AgentStateCounts(AgentRole.Clinician, 0, 0, 1, 0, 0), scheduling.Agents[1]);
        Assert.Equal(snapshot.Agents, scheduling.Agents);
        Assert.Empty(snapshot.Queues[2].Classes);
    }

    [Fact]
    public void Clinician_contact_ends_a_breach_and_the_counting_window_can_be_chosen()
    {
        var statistics = Wallboard();
        var e = new CallAccepted(EventScript.At(570), "e1", "c2", ClinicianContact: true) { Sequence = statistics.LastSequence + 1 };
        statistics.Apply(e);

        var emergent = statistics.Snapshot(Now).Queues[0].Classes[0];
        Assert.Equal((0, 0, 1), (emergent.Waiting, emergent.InBreach, emergent.Window.FtceB));

        // A window starting after every arrival holds no cumulative figures, but the live ones remain.
        var later = statistics.Snapshot(Now, Now);
        var routine = later.Queues[1].Classes.Single();
        Assert.Equal((2, 0), (routine.Waiting, routine.Window.Offered));
    }
}
