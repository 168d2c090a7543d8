using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Urgencies;
using Routing.Storage.Tests.Infrastructure;

namespace Routing.Storage.Tests;

public sealed class TimelineTests
{
    [Fact]
    public void Timeline_lists_arrival_offer_accept_urgency_change_transfer_clinician_contact_and_completion_in_order_with_utc_times()
    {
        using var h = new AuditHarness();
        Scenarios.RibPainTransferredToNurse(h);

        var timeline = h.Store.Timeline("c-rib");

        Assert.NotNull(timeline);
        Assert.Equal("c-rib", timeline.CallId);
        Assert.Equal(
            ["CallArrived", "CallQueued", "CallOffered", "CallAccepted", "CallUrgencyChanged", "CallTransferred", "CallOffered", "CallAccepted", "CallCompleted"],
            timeline.Entries.Select(e => e.Record.Kind));

        // In chain order, sequences increasing, and every time is UTC with the engine's clock.
        Assert.Equal(timeline.Entries.OrderBy(e => e.Record.Id).Select(e => e.Record.Id), timeline.Entries.Select(e => e.Record.Id));
        Assert.True(timeline.Entries.Zip(timeline.Entries.Skip(1)).All(p => p.First.Record.EventSequence < p.Second.Record.EventSequence));
        Assert.All(timeline.Entries, e => Assert.Equal(TimeSpan.Zero, e.Event.At.Offset));
        Assert.All(timeline.Entries, e => Assert.Equal(e.Event.At.ToUnixTimeMilliseconds(), e.Record.AtMs));
        var s = AuditHarness.Start;
        Assert.Equal(
            [s, s, s, s.AddSeconds(5), s.AddSeconds(185), s.AddSeconds(185), s.AddSeconds(305), s.AddSeconds(308), s.AddSeconds(548)],
            timeline.Entries.Select(e => e.Event.At));

        // Arrival: the inputs, the rules that fired and their version, the gateway as actor.
        var arrival = timeline.Entries[0];
        var arrived = Assert.IsType<CallArrived>(arrival.Event);
        Assert.Equal("SCHEDULING", arrived.Input.ReasonCode);
        Assert.Equal("I need an appointment for my knee", arrived.Input.CallerWords);
        Assert.Equal(2, arrived.Priority);
        Assert.Equal(h.Engine.Rules.Version, arrived.Decision.RuleSetVersion);
        Assert.Equal(h.Engine.Rules.Evaluate(arrived.Input).FiredRuleIds, arrived.Decision.FiredRuleIds);
        Assert.Equal(new AuditActorInfo(AuditActorKind.Gateway, "gw-1", null), arrival.Actor);
        Assert.Equal(Urgency.Routine, arrival.Urgency);
        Assert.Null(arrival.QueueId);
        Assert.Equal("scheduling", timeline.Entries[1].QueueId);

        // Offer and answer by the front-line agent: no clinician contact.
        Assert.Equal("scheduler", Assert.IsType<CallOffered>(timeline.Entries[2].Event).AgentId);
        Assert.Equal(AuditActorKind.System, timeline.Entries[2].Actor.Kind);
        var frontLineAnswer = Assert.IsType<CallAccepted>(timeline.Entries[3].Event);
        Assert.False(frontLineAnswer.ClinicianContact);
        Assert.Equal(new AuditActorInfo(AuditActorKind.Agent, "scheduler", AgentRole.NonClinical), timeline.Entries[3].Actor);

        // The urgency change names who, from what, to what, and why.
        var change = timeline.Entries[4];
        var changed = Assert.IsType<CallUrgencyChanged>(change.Event);
        Assert.Equal((Urgency.Routine, Urgency.Urgent, "caller mentions rib pain"), (changed.From, changed.To, changed.Reason));
        Assert.Equal(new AuditActorInfo(AuditActorKind.Agent, "scheduler", AgentRole.NonClinical), change.Actor);
        Assert.Equal((Urgency.Urgent, (Urgency?)Urgency.Routine), (change.Urgency, change.PreviousUrgency));

        // The transfer: from where to where, by whom.
        var transfer = timeline.Entries[5];
        Assert.Equal(("scheduling", "clinical-triage"), (transfer.PreviousQueueId, transfer.QueueId));
        Assert.Equal("agent:scheduler", transfer.Record.Actor);

        // Clinician contact, then completion by the nurse.
        var contact = timeline.Entries[7];
        Assert.True(Assert.IsType<CallAccepted>(contact.Event).ClinicianContact);
        Assert.Equal(new AuditActorInfo(AuditActorKind.Agent, "nurse", AgentRole.Clinician), contact.Actor);
        Assert.Equal(TimeSpan.FromSeconds(308), contact.Event.At - arrived.At);
        var completed = Assert.IsType<CallCompleted>(timeline.Entries[8].Event);
        Assert.Equal(("nurse", CompletedBy.Agent), (completed.AgentId, completed.By));
        Assert.All(timeline.Entries.Skip(5), e => Assert.Equal(Urgency.Urgent, e.Urgency));
    }

    [Fact]
    public void A_safety_net_transfer_is_recorded_as_the_engines_not_the_front_line_agents()
    {
        using var h = new AuditHarness();
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.Offer("c-hangup", "SCHEDULING", "I need to move an appointment");
        h.Must(new AcceptOffer("scheduler", "c-hangup"));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Must(new ChangeUrgency("scheduler", "c-hangup", Urgency.Urgent, "caller mentions rib pain"));
        h.Must(new EndCall("c-hangup", CallEndReason.CallerHungUp));

        var timeline = h.Store.Timeline("c-hangup")!;
        var transfer = Assert.Single(timeline.Entries, e => e.Event is CallTransferred);
        var moved = Assert.IsType<CallTransferred>(transfer.Event);

        Assert.Equal((TransferredBy.SafetyNet, "scheduler"), (moved.By, moved.AgentId));
        Assert.Equal(AuditActorKind.System, transfer.Actor.Kind);
        Assert.Equal(("scheduling", "clinical-triage"), (transfer.PreviousQueueId, transfer.QueueId));
        Assert.Contains(timeline.Entries, e => e.Event is SafetyNetCallbackCreated);

        // What the agent did do stays theirs.
        var change = Assert.Single(timeline.Entries, e => e.Event is CallUrgencyChanged);
        Assert.Equal(new AuditActorInfo(AuditActorKind.Agent, "scheduler", AgentRole.NonClinical), change.Actor);
    }

    [Fact]
    public void Timeline_of_a_red_flag_call_shows_the_rule_ids_the_red_flag_and_the_escalation()
    {
        using var h = new AuditHarness();
        Scenarios.ChestPainReachedLate(h);

        var timeline = h.Store.Timeline("c-chest")!;

        var arrived = Assert.IsType<CallArrived>(timeline.Entries[0].Event);
        Assert.Contains("RF-CARDIAC", arrived.Decision.FiredRuleIds);
        Assert.True(arrived.Decision.HasRedFlag);
        Assert.Equal(["CARDIAC_CHEST"], arrived.Input.RedFlags);
        Assert.Equal(Urgency.Emergency, timeline.Entries[0].Urgency);
        var kinds = timeline.Entries.Select(e => e.Record.Kind).ToList();
        Assert.True(kinds.IndexOf("EmergencyAdviceInstructed") < kinds.IndexOf("EscalationWarning"));
        Assert.True(kinds.IndexOf("EscalationWarning") < kinds.IndexOf("EscalationBreached"));
        Assert.True(kinds.IndexOf("EscalationBreached") < kinds.IndexOf("CallAccepted"));
        var breach = timeline.Entries.Single(e => e.Event is EscalationBreached);
        Assert.Equal(AuditHarness.Start.AddSeconds(60), breach.Event.At);
        Assert.Equal(AuditActorKind.System, breach.Actor.Kind);
    }

    [Fact]
    public void An_unknown_call_has_no_timeline()
    {
        using var h = new AuditHarness();
        Scenarios.RoutineBilling(h);

        Assert.Null(h.Store.Timeline("nobody"));
    }

    [Fact]
    public void A_record_that_is_no_longer_an_event_is_reported_with_its_id_not_skipped()
    {
        using var h = new AuditHarness();
        Scenarios.RoutineBilling(h);
        h.Database.Execute("UPDATE audit SET record = CAST('not json' AS BLOB) WHERE id = 2");

        var e = Assert.Throws<AuditRecordUnreadableException>(() => h.Store.Timeline("c-billing"));
        Assert.Equal(2, e.RecordId);
    }
}
