using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Tests.Engine;

/// <summary>The failures behind the project: red-flag callers booked by schedulers while the SLA looked fine.</summary>
public sealed class IncidentTests
{
    [Fact]
    public void Chest_tightness_and_worst_headache_reach_the_next_free_clinician_before_50_scheduling_calls()
    {
        var h = new EngineHarness();
        for (var i = 0; i < 50; i++)
        {
            h.Offer($"sched-{i:00}", "SCHEDULING");
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var chest = h.Offer("chest", "SCHEDULING", "Hi, I need an appointment... my chest feels tight.");
        var headache = h.Offer("headache", "SCHEDULING", "It's the worst headache of my life");

        Assert.True(chest.Decision.Urgency.IsClinical());
        Assert.Equal("clinical-triage", chest.Decision.QueueId);
        Assert.True(headache.Decision.Urgency >= Urgency.Emergent);
        Assert.Equal("clinical-triage", headache.Decision.QueueId);

        // A scheduling-only agent becomes free first: they get scheduling calls, never the red flags.
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        Assert.Equal("sched-00", h.TakeNext("scheduler"));
        Assert.Equal("sched-01", h.OfferedTo("scheduler"));

        // A clinician who can also book appointments gets both red-flag calls before any of the 48 still waiting.
        h.LogInReady("nurse", AgentRole.Clinician, "scheduling");
        var first = h.TakeNext("nurse");
        var second = h.TakeNext("nurse");
        Assert.Equal(["chest", "headache"], new[] { first, second }.Order().ToArray());
        Assert.StartsWith("sched-", h.OfferedTo("nurse"));

        var offeredToScheduler = h.EventsOf<CallOffered>().Where(e => e.AgentId == "scheduler").Select(e => e.CallId);
        Assert.DoesNotContain("chest", offeredToScheduler);
        Assert.DoesNotContain("headache", offeredToScheduler);
    }

    [Fact]
    public void Emergency_is_told_to_play_advice_and_pages_the_duty_clinician_at_once_even_with_nobody_free()
    {
        var h = new EngineHarness();
        var reply = h.Offer("c1", "SCHEDULING", "", 0, "CARDIAC_CHEST");

        Assert.Equal(Urgency.Emergency, reply.Decision.Urgency);
        Assert.True(reply.EmergencyAdvice);
        Assert.Contains(h.Events, e => e is EmergencyAdviceInstructed { CallId: "c1" });
        Assert.Contains(h.Events, e => e is PageIssued { CallId: "c1", Target: PageTarget.DutyClinician });
        Assert.Contains("RF-CARDIAC", reply.Decision.FiredRuleIds);
        Assert.Equal(h.Engine.Rules.Version, reply.Decision.RuleSetVersion);
    }

    [Fact]
    public void A_red_flag_raised_while_ringing_at_a_scheduler_is_withdrawn_and_rerouted_to_clinicians()
    {
        var h = new EngineHarness();
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.Offer("c1", "SCHEDULING");
        Assert.Equal("c1", h.OfferedTo("scheduler"));

        var update = h.Must<UpdateCallReply>(new UpdateCall("c1", new TriageInput { CallerWords = "actually there is blood in my stool and I feel faint" }));

        Assert.True(update.Raised);
        Assert.Contains(h.Events, e => e is OfferCancelled { CallId: "c1", Reason: OfferCancelReason.UrgencyChanged });
        Assert.Equal("clinical-triage", h.Call("c1").QueueId);
        Assert.Null(h.OfferedTo("scheduler"));
        h.LogInReady("nurse", AgentRole.Clinician);
        Assert.Equal("c1", h.OfferedTo("nurse"));
    }

    [Fact]
    public void Arrival_time_is_kept_so_time_to_clinician_counts_from_first_arrival_across_a_transfer()
    {
        var h = new EngineHarness();
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.Offer("c1", "SCHEDULING");
        h.Must(new AcceptOffer("scheduler", "c1"));
        h.Time.Advance(TimeSpan.FromMinutes(3));
        h.Must(new ChangeUrgency("scheduler", "c1", Urgency.Urgent, "caller mentions rib pain"));
        h.Must(new TransferCall("scheduler", "c1", "clinical-triage"));
        h.Time.Advance(TimeSpan.FromMinutes(2));
        h.LogInReady("nurse", AgentRole.Clinician);
        h.Must(new AcceptOffer("nurse", "c1"));

        var call = h.Call("c1");
        Assert.Equal(EngineHarness.Start, call.ArrivedAt);
        Assert.Equal(TimeSpan.FromMinutes(5), call.ClinicianContactAt - call.ArrivedAt);
    }
}
