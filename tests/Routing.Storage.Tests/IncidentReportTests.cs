using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Core.Urgencies;
using Routing.Storage.Tests.Infrastructure;

namespace Routing.Storage.Tests;

/// <summary>The failure-to-clinically-escalate report over the audit trail.</summary>
public sealed class IncidentReportTests
{
    private static readonly DateTimeOffset Day = AuditHarness.Start.Date;

    [Fact]
    public void A_red_flag_call_reached_late_is_an_FTCE_B_with_an_escalation_breach_and_a_routine_call_is_nothing()
    {
        using var h = new AuditHarness();
        Scenarios.RoutineBilling(h);
        var arrival = h.Time.GetUtcNow();
        Scenarios.ChestPainReachedLate(h);

        var report = h.Store.IncidentReport(Day, Day.AddDays(1));

        var call = Assert.Single(report.Calls);
        Assert.Equal("c-chest", call.CallId);
        Assert.Equal((Urgency.Emergency, Urgency.Emergency, true), (call.HighestUrgency, call.DeadlineUrgency, call.RedFlag));
        Assert.Equal(arrival, call.FirstArrival);
        Assert.Equal(arrival.AddSeconds(90), call.FirstClinicianContact);
        Assert.Equal(arrival.AddSeconds(60), call.ClassDeadline);
        Assert.True(call.FtceB);
        Assert.False(call.FtceA);
        Assert.Equal(TimeSpan.FromSeconds(30), call.LateBy);
        Assert.Equal(TimeSpan.FromSeconds(90), call.TimeToClinician);
        Assert.Equal(1, call.EscalationBreaches);
        Assert.Equal(0, call.SafetyNetCallbacksOverdue);
        Assert.NotNull(call.EndedAt);
        Assert.DoesNotContain(report.Calls, c => c.CallId == "c-billing");

        var t = report.Totals;
        Assert.Equal((2L, 1L, 1L, 0L, 1L, 1L, 0L), (t.Calls, t.SymptomCalls, t.RedFlagCalls, t.FtceA, t.FtceB, t.CallsWithEscalationBreach, t.SafetyNetCallbacksOverdue));
        Assert.Equal(10_000.0, t.FtceBPer10kSymptomCalls);
        Assert.Equal(0.0, t.FtceAPer10kSymptomCalls);
        var emergency = Assert.Single(report.Classes);
        Assert.Equal((Urgency.Emergency, TimeSpan.FromSeconds(60), 1L, 1L, 1L, (TimeSpan?)TimeSpan.FromSeconds(90)), (emergency.Urgency, emergency.Deadline, emergency.Calls, emergency.ClinicianContacts, emergency.FtceB, emergency.P95TimeToClinician));
    }

    [Fact]
    public void Clinician_contact_within_the_deadline_is_no_incident()
    {
        using var h = new AuditHarness();
        Scenarios.RibPainTransferredToNurse(h);

        var report = h.Store.IncidentReport(Day, Day.AddDays(1));

        Assert.Empty(report.Calls);
        Assert.Equal((1L, 1L, 0L), (report.Totals.Calls, report.Totals.SymptomCalls, report.Totals.FtceB));
        var urgent = Assert.Single(report.Classes);
        Assert.Equal((Urgency.Urgent, (TimeSpan?)TimeSpan.FromSeconds(308)), (urgent.Urgency, urgent.P95TimeToClinician));
    }

    [Fact]
    public void A_safety_net_callback_past_its_due_time_is_reported()
    {
        using var h = new AuditHarness();
        h.Offer("c-gi", "SYMPTOM", "there is blood in my stool", 0, "GI_BLEED");
        h.Time.Advance(TimeSpan.FromSeconds(20));
        h.Must(new EndCall("c-gi", CallEndReason.CallerHungUp));
        h.Advance(TimeSpan.FromMinutes(6));

        var call = Assert.Single(h.Store.IncidentReport(Day, Day.AddDays(1)).Calls);

        Assert.Equal("c-gi", call.CallId);
        Assert.Equal(1, call.SafetyNetCallbacksOverdue);
        Assert.True(call.RedFlag);
        Assert.Null(call.EndedAt);
        Assert.False(call.FtceA);
    }

    [Fact]
    public void Calls_belong_to_the_range_of_their_first_arrival()
    {
        using var h = new AuditHarness();
        Scenarios.ChestPainReachedLate(h);

        Assert.Empty(h.Store.IncidentReport(AuditHarness.Start.AddSeconds(1), Day.AddDays(1)).Calls);
        Assert.Equal(0, h.Store.IncidentReport(Day.AddDays(-1), AuditHarness.Start).Totals.Calls);
        Assert.Single(h.Store.IncidentReport(AuditHarness.Start, AuditHarness.Start.AddMilliseconds(1)).Calls);
        Assert.Throws<ArgumentException>(() => h.Store.IncidentReport(Day, Day));
    }

    [Fact]
    public void A_red_flag_call_that_ended_without_clinician_contact_is_an_FTCE_A()
    {
        // The engine prevents this; the report must still see it if it ever happens (or a rule set misroutes).
        var at = AuditHarness.Start;
        var decision = new TriageDecision(Urgency.Emergent, "scheduling", ["RF-SUICIDE-IDEATION"], "v1", HasRedFlag: true);
        var fold = new IncidentFold(AuditIncidentReport.DefaultDeadlines);
        fold.Add("c-a", [
            new CallArrived(at, "c-a", new TriageInput { ReasonCode = "SCHEDULING", RedFlags = ["SUICIDAL_IDEATION"] }, decision, 0),
            new CallAccepted(at.AddSeconds(10), "c-a", "scheduler", ClinicianContact: false),
            new CallCompleted(at.AddMinutes(4), "c-a", "scheduler", CompletedBy.Agent, TimeSpan.Zero),
        ]);

        var report = fold.Build(Day, Day.AddDays(1));

        var call = Assert.Single(report.Calls);
        Assert.True(call.FtceA);
        Assert.False(call.FtceB);
        Assert.Null(call.FirstClinicianContact);
        Assert.Equal(at.AddMinutes(2), call.ClassDeadline);
        Assert.Equal(1, report.Totals.FtceA);
        Assert.Equal(10_000.0, report.Totals.FtceAPer10kSymptomCalls);
    }

    [Fact]
    public void The_deadline_class_is_the_one_in_force_at_clinician_contact_and_counts_from_first_arrival()
    {
        var at = AuditHarness.Start;
        var routine = new TriageDecision(Urgency.Routine, "scheduling", [], "v1", HasRedFlag: false);
        var fold = new IncidentFold(AuditIncidentReport.DefaultDeadlines);

        // Raised to EMERGENT at 10 minutes: its 2-minute deadline from first arrival has already passed.
        fold.Add("c-raised", [
            new CallArrived(at, "c-raised", new TriageInput { ReasonCode = "SCHEDULING" }, routine, 0),
            new CallUrgencyChanged(at.AddMinutes(10), "c-raised", Urgency.Routine, Urgency.Emergent, "scheduler", "severe headache"),
            new CallAccepted(at.AddMinutes(11), "c-raised", "nurse", ClinicianContact: true),
            new CallUrgencyChanged(at.AddMinutes(15), "c-raised", Urgency.Emergent, Urgency.SameDay, "nurse", "assessed: tension headache"),
        ]);

        var call = Assert.Single(fold.Build(Day, Day.AddDays(1)).Calls);
        Assert.Equal((Urgency.Emergent, Urgency.Emergent), (call.HighestUrgency, call.DeadlineUrgency));
        Assert.Equal(TimeSpan.FromMinutes(9), call.LateBy);
        Assert.False(call.RedFlag);
    }

    [Fact]
    public void P95_is_nearest_rank()
    {
        var values = Enumerable.Range(1, 100).Select(i => TimeSpan.FromSeconds(i)).Reverse().ToList();

        Assert.Equal(TimeSpan.FromSeconds(95), IncidentFold.P95(values));
        Assert.Equal(TimeSpan.FromSeconds(7), IncidentFold.P95([TimeSpan.FromSeconds(7)]));
        Assert.Null(IncidentFold.P95([]));
    }

    [Fact]
    public void Red_flag_calls_rates_are_per_10k_symptom_calls()
    {
        var totals = new IncidentTotals(Calls: 30_000, SymptomCalls: 20_000, RedFlagCalls: 500, FtceA: 1, FtceB: 4, CallsWithEscalationBreach: 6, SafetyNetCallbacksOverdue: 2);

        Assert.Equal((0.5, 2.0, 3.0, 1.0), (totals.FtceAPer10kSymptomCalls, totals.FtceBPer10kSymptomCalls, totals.EscalationBreachCallsPer10kSymptomCalls, totals.SafetyNetCallbacksOverduePer10kSymptomCalls));
        Assert.Null(new IncidentTotals(1, 0, 0, 0, 0, 0, 0).FtceAPer10kSymptomCalls);
    }
}
