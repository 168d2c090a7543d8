using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Core.Urgencies;
using static Routing.Core.Tests.Statistics.StatisticsTestOptions;

namespace Routing.Core.Tests.Statistics;

public sealed class ClinicalEscalationTests
{
    private static readonly DateTimeOffset T0 = EventScript.T0;
    private static readonly DateTimeOffset Hour = T0.AddHours(1);

    /// <summary>
    /// A ROUTINE call is answered by a non-clinical agent at 10 s, who raises it to EMERGENT at 20 s and transfers it
    /// to the clinical queue at 30 s; a clinician answers at 150 s. Time to clinician is 150 s from first arrival (not
    /// 120 s from the transfer), past the 2-minute EMERGENT deadline: one FTCE-B.
    /// </summary>
    [Fact]
    public void Time_to_clinician_runs_from_first_arrival_across_a_transfer()
    {
        var h = new StatsEngineHarness();
        h.LogIn("front", AgentRole.NonClinical);
        h.LogIn("nurse", AgentRole.Clinician);
        h.Ready("front");
        h.At(0).Offer("call");
        h.At(10).Accept("front", "call");
        h.At(20).Run(new ChangeUrgency("front", "call", Urgency.Emergent, "caller sounds unwell"));
        h.At(30).Run(new TransferCall("front", "call", Clinical));
        h.At(150).Ready("nurse");
        Assert.Equal("call", h.Ringing("nurse"));
        h.Accept("nurse", "call");
        h.At(400).Complete("nurse", "call");

        // The administrative answer counts for the scheduling queue's service level, as ROUTINE (its class then).
        var admin = h.Statistics.Aggregate(T0, Hour, Scheduling, Urgency.Routine);
        Assert.Equal((1, 1, 1), (admin.Offered, admin.Answered, admin.AnsweredWithinThreshold));
        Assert.Equal(TimeSpan.FromSeconds(10), admin.Asa);
        Assert.Equal(TimeSpan.FromSeconds(20), admin.AverageTalkTime);

        // The clinical figures land in the class and queue of the clinician contact.
        var clinical = h.Statistics.Aggregate(T0, Hour, Clinical, Urgency.Emergent);
        Assert.Equal(1, clinical.TimeToClinician.Count);
        Assert.Equal(TimeSpan.FromSeconds(150), clinical.TimeToClinician.P50);
        Assert.Equal(TimeSpan.FromSeconds(150), clinical.TimeToClinician.Max);
        Assert.Equal(1, clinical.FtceB);
        Assert.Equal(0, clinical.FtceA);
        Assert.Equal((1, 1), (clinical.EscalationWarnings, clinical.EscalationBreaches));
        Assert.Equal(TimeSpan.FromSeconds(250), clinical.AverageTalkTime);
        Assert.Equal(0, clinical.Offered);

        var all = h.Statistics.Aggregate(T0, Hour);
        Assert.Equal((1, 1, 0), (all.FtceB, all.Offered, all.FtceA));
        Assert.Equal(0, h.Statistics.TrackedCalls);
    }

    /// <summary>
    /// The incident pattern: a scheduling call, answered by front-line staff, reveals chest tightness; the re-triage
    /// raises it to EMERGENCY with a red flag. The engine refuses to let the agent close it, and when the caller
    /// hangs up it becomes a safety-net callback: no FTCE-A, and the call is still open for a clinician.
    /// (Counting FTCE-A itself, for histories where it did happen, is tested on scripted events below.)
    /// </summary>
    [Fact]
    public void The_incident_pattern_cannot_end_without_a_clinician_so_no_ftce_a_is_recorded()
    {
        var h = new StatsEngineHarness();
        h.LogIn("front", AgentRole.NonClinical);
        h.Ready("front");
        h.At(0).Offer("call");
        h.At(5).Accept("front", "call");
        var update = (UpdateCallReply)h.At(60).Run(new UpdateCall("call", new TriageInput { RedFlags = ["CARDIAC_CHEST"] })).Reply!;
        Assert.True(update.Decision.HasRedFlag);
        Assert.Equal(Urgency.Emergency, update.Urgency);

        Assert.False(h.At(180).Engine.Execute(new CompleteCall("front", "call")).Succeeded);
        h.At(200).Run(new EndCall("call", CallEndReason.Completed));

        Assert.Equal(0, h.Statistics.Aggregate(T0, Hour).FtceA);
        Assert.Equal(1, h.Statistics.TrackedCalls);
    }

    [Fact]
    public void Ftce_a_counts_red_flag_calls_that_ended_without_a_clinician_and_nothing_else()
    {
        var s = new EventScript();
        s.Arrive("answered-by-nurse", 0, Clinical, Urgency.Emergent, redFlag: true);
        s.Answer("answered-by-nurse", 30, "nurse", clinician: true);
        s.Complete("answered-by-nurse", 300, "nurse");

        // Abandoned into a safety-net callback, then called back by a clinician: contact made, no FTCE-A.
        s.Arrive("safety-net", 0, Clinical, Urgency.Urgent, redFlag: true);
        s.Abandon("safety-net", 20, Clinical, safetyNet: true);
        s.Add(new SafetyNetCallbackCreated(EventScript.At(20), "safety-net", EventScript.At(320)));
        s.Answer("safety-net", 200, "nurse2", clinician: true);
        s.Complete("safety-net", 400, "nurse2");

        // A SAME_DAY red flag (no safety net for that class) whose caller hung up: FTCE-A.
        s.Arrive("gone", 0, Clinical, Urgency.SameDay, redFlag: true);
        s.Abandon("gone", 50, Clinical);

        // Red flag raised by a re-triage while waiting, then the caller hangs up without a safety net: FTCE-A.
        s.Arrive("raised", 0, Clinical, Urgency.SameDay);
        s.Raise("raised", 10, Urgency.SameDay, Urgency.SameDay, redFlag: true);
        s.Abandon("raised", 40, Clinical);

        // No red flag: never FTCE-A.
        s.Arrive("plain", 0, Clinical, Urgency.SameDay);
        s.Abandon("plain", 40, Clinical);

        var statistics = s.Feed();
        Assert.Equal(0, statistics.Aggregate(T0, Hour, Clinical, Urgency.Emergent).FtceA);
        Assert.Equal(0, statistics.Aggregate(T0, Hour, Clinical, Urgency.Urgent).FtceA);
        Assert.Equal(2, statistics.Aggregate(T0, Hour, Clinical, Urgency.SameDay).FtceA);
        Assert.Equal(2, statistics.Aggregate(T0, Hour).FtceA);

        // The safety-net call stays abandoned for the service level though a clinician reached it: 200 s to clinician.
        var urgent = statistics.Aggregate(T0, Hour, Clinical, Urgency.Urgent);
        Assert.Equal((1, 0, 1), (urgent.Offered, urgent.Answered, urgent.Abandoned));
        Assert.Equal(TimeSpan.FromSeconds(200), urgent.TimeToClinician.Max);
        Assert.Equal(0, urgent.FtceB);
        Assert.Equal(0, statistics.TrackedCalls);
    }

    [Theory]
    [InlineData(Urgency.Emergency, 60)]
    [InlineData(Urgency.Emergent, 120)]
    [InlineData(Urgency.Urgent, 1800)]
    [InlineData(Urgency.SameDay, 7200)]
    public void Ftce_b_counts_clinician_contact_after_the_class_deadline(Urgency urgency, int deadlineSeconds)
    {
        var s = new EventScript();
        s.Arrive("on-time", 0, Clinical, urgency);
        s.Arrive("late", 0, Clinical, urgency);
        s.Answer("on-time", deadlineSeconds, "n1", clinician: true);
        s.Add(new CallAccepted(EventScript.At(deadlineSeconds) + TimeSpan.FromTicks(1), "late", "n2", true));

        var point = s.Feed().Aggregate(T0, T0.AddHours(3), Clinical, urgency);
        Assert.Equal(2, point.TimeToClinician.Count);
        Assert.Equal(1, point.FtceB);
    }

    [Fact]
    public void Ftce_b_uses_the_highest_class_reached_and_routine_calls_have_no_deadline()
    {
        var s = new EventScript();

        // URGENT at arrival (30 min), raised to EMERGENCY (60 s): contact at 5 minutes is late for the class reached.
        s.Arrive("raised", 0, Clinical, Urgency.Urgent);
        s.Raise("raised", 30, Urgency.Urgent, Urgency.Emergency);
        s.Answer("raised", 300, "n1", clinician: true);

        // A ROUTINE call a clinician happens to answer after an hour: no clinical figures at all.
        s.Arrive("routine", 0, Scheduling, Urgency.Routine);
        s.Answer("routine", 3600, "n2", clinician: true);

        var statistics = s.Feed();
        var emergency = statistics.Aggregate(T0, Hour, Clinical, Urgency.Emergency);
        Assert.Equal((1, 1), (emergency.FtceB, emergency.TimeToClinician.Count));
        var routine = statistics.Aggregate(T0, Hour, Scheduling, Urgency.Routine);
        Assert.Equal((0, 0, 1), (routine.FtceB, routine.TimeToClinician.Count, routine.Answered));
    }

    [Fact]
    public void Deadlines_come_from_the_escalation_options()
    {
        var s = new EventScript();
        s.Arrive("call", 0, Clinical, Urgency.Emergent);
        s.Answer("call", 100, "n1", clinician: true);

        var defaults = s.Feed().Aggregate(T0, Hour);
        Assert.Equal(0, defaults.FtceB);

        var strict = StatsOptions() with
        {
            Escalation = new Dictionary<Urgency, Configuration.EscalationPolicy>
            {
                [Urgency.Emergent] = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90)),
            },
        };
        Assert.Equal(1, s.Feed(new Core.Statistics.ServiceLevelStatistics(strict)).Aggregate(T0, Hour).FtceB);
    }
}
