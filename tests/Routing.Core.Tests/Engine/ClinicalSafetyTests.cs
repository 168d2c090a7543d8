using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Urgencies;

namespace Routing.Core.Tests.Engine;

/// <summary>Scope of practice, who may lower urgency, reserved capacity, escalation and the safety net.</summary>
public sealed class ClinicalSafetyTests
{
    [Fact]
    public void A_clinical_call_is_never_transferred_to_an_administrative_queue()
    {
        var h = new EngineHarness();
        h.LogInReady("nurse", AgentRole.Clinician, "scheduling");
        h.Offer("c1", "SYMPTOM");
        h.Must(new AcceptOffer("nurse", "c1"));

        var refused = h.Execute(new TransferCall("nurse", "c1", "scheduling"));

        Assert.Equal(RoutingErrorCode.FailedPrecondition, refused.Error?.Code);
        Assert.Equal(Calls.CallPlace.Connected, h.Call("c1").Place);
    }

    [Fact]
    public void Only_a_clinician_lowers_urgency_and_only_with_a_reason_while_anyone_may_raise_it()
    {
        var h = new EngineHarness();
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.LogInReady("nurse", AgentRole.Clinician);
        h.Must(new SetNotReady("nurse", "meeting"));
        h.Offer("c1", "SCHEDULING");
        h.Must(new AcceptOffer("scheduler", "c1"));

        h.Must(new ChangeUrgency("scheduler", "c1", Urgency.Urgent, string.Empty));
        Assert.Equal(Urgency.Urgent, h.Call("c1").Urgency);

        var denied = h.Execute(new ChangeUrgency("scheduler", "c1", Urgency.Routine, "caller just wants a booking"));
        Assert.Equal(RoutingErrorCode.PermissionDenied, denied.Error?.Code);
        var noReason = h.Execute(new ChangeUrgency("nurse", "c1", Urgency.Routine, " "));
        Assert.Equal(RoutingErrorCode.InvalidArgument, noReason.Error?.Code);
        Assert.Equal("reason", noReason.Error?.Field);

        h.Must(new ChangeUrgency("nurse", "c1", Urgency.SameDay, "assessed: stable, callback today"));
        var change = h.EventsOf<CallUrgencyChanged>().Last();
        Assert.Equal(("nurse", Urgency.Urgent, Urgency.SameDay, "assessed: stable, callback today"), (change.AgentId, change.From, change.To, change.Reason));
    }

    [Fact]
    public void Re_triage_never_lowers_urgency()
    {
        var h = new EngineHarness();
        h.Offer("c1", "SCHEDULING", "crushing chest pain");
        var reply = h.Must<UpdateCallReply>(new UpdateCall("c1", new Routing.Core.Triage.TriageInput { ReasonCode = "BILLING", ScreenCompleted = true }));

        Assert.False(reply.Raised);
        Assert.Equal(Urgency.Emergency, h.Call("c1").Urgency);
        Assert.Equal("clinical-triage", h.Call("c1").QueueId);
    }

    [Fact]
    public void Reserved_clinicians_hold_back_lower_classes_but_take_emergent_calls()
    {
        var h = new EngineHarness(o => o with { ReservedClinicians = 1 });
        h.LogInReady("nurse", AgentRole.Clinician);
        h.Offer("urgent", "SYMPTOM");

        Assert.Null(h.OfferedTo("nurse"));

        h.Offer("emergent", "SYMPTOM", "severe headache");
        Assert.Equal("emergent", h.OfferedTo("nurse"));

        h.LogInReady("nurse2", AgentRole.Clinician);
        h.LogInReady("nurse3", AgentRole.Clinician);
        Assert.Equal("urgent", h.OfferedTo("nurse2"));
    }

    [Fact]
    public void Emergent_call_without_a_clinician_warns_at_60_s_then_breaches_at_2_min_paging_the_supervisor()
    {
        var h = new EngineHarness();
        h.Offer("c1", "SYMPTOM", "severe headache");

        h.Advance(TimeSpan.FromSeconds(59));
        Assert.DoesNotContain(h.Events, e => e is EscalationWarning);
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains(h.Events, e => e is EscalationWarning { CallId: "c1", Urgency: Urgency.Emergent });
        h.Advance(TimeSpan.FromSeconds(60));

        var breach = Assert.Single(h.EventsOf<EscalationBreached>());
        Assert.Equal(EngineHarness.Start + TimeSpan.FromMinutes(2), breach.At);
        Assert.Contains(h.Events, e => e is PageIssued { CallId: "c1", Target: PageTarget.Supervisor });
        Assert.Contains(h.Events, e => e is EmergencyAdviceInstructed { CallId: "c1" } x && x.At == breach.At);
    }

    [Fact]
    public void Clinician_contact_stops_the_escalation_clock()
    {
        var h = new EngineHarness();
        h.LogInReady("nurse", AgentRole.Clinician);
        h.Offer("c1", "SYMPTOM", "severe headache");
        h.Advance(TimeSpan.FromSeconds(10));
        h.Must(new AcceptOffer("nurse", "c1"));

        h.Advance(TimeSpan.FromMinutes(5));

        Assert.DoesNotContain(h.Events, e => e is EscalationWarning or EscalationBreached);
    }

    [Fact]
    public void An_abandoned_urgent_call_becomes_a_safety_net_callback_that_keeps_its_place_and_has_its_own_deadline()
    {
        var h = new EngineHarness();
        h.Offer("early", "SYMPTOM", "", 0, "GI_BLEED");
        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Offer("later", "SYMPTOM", "", 0, "GI_BLEED");
        Assert.Equal(Urgency.Urgent, h.Call("early").Urgency);
        h.Must(new EndCall("early", Calls.CallEndReason.CallerHungUp));

        Assert.Contains(h.Events, e => e is CallAbandoned { CallId: "early", BecomesSafetyNetCallback: true });
        Assert.Contains(h.Events, e => e is SafetyNetCallbackCreated { CallId: "early" });
        Assert.True(h.Call("early").IsSafetyNet);
        Assert.Equal(RoutingErrorCode.FailedPrecondition, h.Execute(new EndCall("early", Calls.CallEndReason.CallerHungUp)).Error?.Code);

        h.Advance(TimeSpan.FromMinutes(5));
        Assert.Contains(h.Events, e => e is SafetyNetCallbackOverdue { CallId: "early" });

        h.LogInReady("nurse", AgentRole.Clinician);
        Assert.Equal("early", h.OfferedTo("nurse"));
    }

    [Fact]
    public void An_abandoned_routine_call_simply_ends()
    {
        var h = new EngineHarness();
        h.Offer("c1", "BILLING");
        h.Must(new EndCall("c1", Calls.CallEndReason.CallerHungUp));

        Assert.Equal(Calls.CallPlace.Ended, h.Call("c1").Place);
        Assert.DoesNotContain(h.Events, e => e is SafetyNetCallbackCreated);
    }

    [Fact]
    public void A_front_line_agent_cannot_close_a_clinical_call_that_never_reached_a_clinician()
    {
        var h = new EngineHarness();
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.Offer("c1", "SCHEDULING");
        h.Must(new AcceptOffer("scheduler", "c1"));
        h.Must(new UpdateCall("c1", new Routing.Core.Triage.TriageInput { CallerWords = "I have chest pressure" }));

        var refused = h.Execute(new CompleteCall("scheduler", "c1"));

        Assert.Equal(RoutingErrorCode.FailedPrecondition, refused.Error?.Code);
        Assert.Equal(Calls.CallPlace.Connected, h.Call("c1").Place);
    }

    [Fact]
    public void A_caller_hanging_up_on_a_front_line_agent_with_a_clinical_problem_becomes_a_safety_net_callback()
    {
        var h = new EngineHarness();
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.Offer("c1", "SCHEDULING");
        h.Must(new AcceptOffer("scheduler", "c1"));
        h.Must(new ChangeUrgency("scheduler", "c1", Urgency.Urgent, "blood pressure spike"));

        h.Must(new EndCall("c1", Calls.CallEndReason.Completed));

        var call = h.Call("c1");
        Assert.Equal(Calls.CallPlace.Queued, call.Place);
        Assert.Equal("clinical-triage", call.QueueId);
        Assert.True(call.IsSafetyNet);
        Assert.Equal(AgentStatus.WrapUp, h.Agent("scheduler").Status);
    }

    [Fact]
    public void An_urgent_caller_who_asked_for_a_callback_cannot_withdraw_out_of_the_safety_net()
    {
        var h = new EngineHarness();
        h.Offer("c1", "SYMPTOM", "", 0, "GI_BLEED");
        h.Must(new RequestCallback("c1"));

        h.Must(new EndCall("c1", Calls.CallEndReason.CallerHungUp));

        Assert.True(h.Call("c1").IsSafetyNet);
        Assert.Equal(Calls.CallPlace.Queued, h.Call("c1").Place);
    }
}
