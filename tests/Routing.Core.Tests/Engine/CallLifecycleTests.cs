using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Triage;

namespace Routing.Core.Tests.Engine;

public sealed class CallLifecycleTests
{
    [Fact]
    public void Offering_the_same_call_again_returns_the_original_decision_without_a_second_call()
    {
        var h = new EngineHarness();
        var first = h.Offer("c1", "SCHEDULING", "my chest feels tight");
        var eventsBefore = h.Events.Count;

        var retry = h.Offer("c1", "SCHEDULING", "my chest feels tight");

        Assert.True(retry.Duplicate);
        Assert.Equal(first.Decision, retry.Decision);
        Assert.Equal(first.Sequence, retry.Sequence);
        Assert.Equal(eventsBefore, h.Events.Count);
        Assert.Single(h.State.Calls);
    }

    [Fact]
    public void Reusing_a_call_id_with_different_content_is_refused()
    {
        var h = new EngineHarness();
        h.Offer("c1", "SCHEDULING");

        var result = h.Execute(new OfferCall("c1", new TriageInput { ReasonCode = "BILLING" }));

        Assert.Equal(RoutingErrorCode.AlreadyExists, result.Error?.Code);
        Assert.Equal("call_id", result.Error?.Field);
    }

    [Theory]
    [InlineData("", 0, "call_id")]
    [InlineData("c1", 10, "priority")]
    [InlineData("c1", -1, "priority")]
    public void Bad_offers_name_the_field(string callId, int priority, string field)
    {
        var h = new EngineHarness();
        var result = h.Execute(new OfferCall(callId, new TriageInput { ReasonCode = "SCHEDULING" }, priority));

        Assert.Equal(RoutingErrorCode.InvalidArgument, result.Error?.Code);
        Assert.Equal(field, result.Error?.Field);
        Assert.Empty(h.State.Calls);
    }

    [Fact]
    public void A_callback_keeps_the_callers_place()
    {
        var h = new EngineHarness();
        h.Offer("first", "SCHEDULING");
        h.Time.Advance(TimeSpan.FromSeconds(10));
        h.Offer("second", "SCHEDULING");

        var reply = h.Must<CallbackReply>(new RequestCallback("first"));
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");

        Assert.Equal(0, reply.Position);
        Assert.Equal("first", h.OfferedTo("ann"));
        Assert.True(h.Call("first").IsCallback);
    }

    [Fact]
    public void Max_wait_turns_an_administrative_call_into_a_held_place_callback()
    {
        var h = new EngineHarness(o => o with { Queues = o.Queues.Select(q => q.Id == "billing" ? q with { MaxWait = TimeSpan.FromMinutes(10) } : q).ToArray() });
        h.Offer("c1", "BILLING");

        h.Advance(TimeSpan.FromMinutes(10));

        Assert.Contains(h.Events, e => e is CallMaxWaitReached { CallId: "c1" });
        Assert.True(h.Call("c1").IsCallback);
        Assert.Equal(Calls.CallPlace.Queued, h.Call("c1").Place);
    }

    [Fact]
    public void Overflow_widens_the_skills_after_its_delay_keeping_the_arrival_time()
    {
        var h = new EngineHarness();
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.Must(new OfferCall("s1", new TriageInput { ReasonCode = "SCHEDULING", CallerAge = 80, ScreenCompleted = true }));
        Assert.Equal("senior-line", h.Call("s1").QueueId);
        Assert.Null(h.OfferedTo("scheduler"));

        h.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal("s1", h.OfferedTo("scheduler"));
        Assert.Contains(h.Events, e => e is CallOverflowed { CallId: "s1", Level: 1 });
    }

    [Fact]
    public void Overflow_can_move_a_call_to_another_queue()
    {
        var h = new EngineHarness(o => o with
        {
            Queues = o.Queues.Select(q => q.Id == "billing" ? q with { Overflow = [new OverflowStep(TimeSpan.FromMinutes(2), MoveToQueueId: "scheduling")] } : q).ToArray(),
        });
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.Offer("b1", "BILLING");

        h.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("b1", h.OfferedTo("scheduler"));
        Assert.Equal(EngineHarness.Start, h.Call("b1").ArrivedAt);
    }

    [Fact]
    public void A_configuration_that_lets_a_clinical_queue_overflow_into_an_administrative_one_is_refused_naming_the_setting()
    {
        var options = EngineHarness.DefaultOptions();
        options = options with
        {
            Queues = options.Queues.Select(q => q.Clinical ? q with { Overflow = [new OverflowStep(TimeSpan.FromMinutes(1), MoveToQueueId: "billing")] } : q).ToArray(),
        };

        var ex = Assert.Throws<RoutingConfigurationException>(() => new RoutingEngine(options, TriageRuleSetLoader.LoadDefault(), TimeProvider.System));

        Assert.Contains(ex.Errors, e => e.Contains("Queues[3].Overflow[0].MoveToQueueId", StringComparison.Ordinal));
    }

    [Fact]
    public void Replaying_the_events_of_a_busy_morning_rebuilds_the_same_state()
    {
        var h = new EngineHarness();
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling", "billing");
        h.LogInReady("nurse", AgentRole.Clinician);
        for (var i = 0; i < 30; i++)
        {
            h.Offer($"c{i}", (i % 3) switch { 0 => "SCHEDULING", 1 => "BILLING", _ => "SYMPTOM" }, i % 7 == 0 ? "chest pain" : "");
            h.Advance(TimeSpan.FromSeconds(17));
            if (h.OfferedTo("ann") is { } a)
            {
                h.Must(new AcceptOffer("ann", a));
            }

            if (i % 4 == 0 && h.Agent("ann").CallId is { } talking && h.Agent("ann").Status == AgentStatus.OnCall)
            {
                h.Must(new CompleteCall("ann", talking));
            }
        }

        Assert.Equal(h.State.Describe(), h.Replay().Describe());
    }

    [Fact]
    public void Ended_calls_are_remembered_for_the_retention_then_forgotten_while_live_calls_stay()
    {
        var h = new EngineHarness(o => o with { EndedCallRetention = TimeSpan.FromHours(1) });
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");
        h.Offer("done", "SCHEDULING");
        h.TakeNext("ann");
        h.Must(new SetNotReady("ann", "lunch"));
        h.Offer("waiting", "SCHEDULING");

        h.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(h.Offer("done", "SCHEDULING").Duplicate);

        h.Time.Advance(TimeSpan.FromMinutes(2));
        h.Offer("later", "BILLING");

        Assert.Null(h.State.FindCall("done"));
        Assert.NotNull(h.State.FindCall("waiting"));
        Assert.Equal(h.State.Describe(), h.Replay().Describe());
        Assert.Equal(h.State.Describe(), RoutingState.Restore(h.Options, h.State.Capture()).Describe());
    }

    [Fact]
    public void Standing_lists_callers_waiting_on_the_line_with_their_position_and_changes_nothing()
    {
        var h = new EngineHarness();
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");
        h.Offer("ringing", "SCHEDULING");
        h.Offer("first", "SCHEDULING");
        h.Offer("second", "SCHEDULING");
        h.Offer("callback", "SCHEDULING");
        h.Must(new RequestCallback("callback"));
        var before = h.State.Describe();
        var events = h.Events.Count;

        var reply = h.Must<StandingReply>(new QueryStanding(["ringing", "first", "second", "callback", "unknown"]));

        Assert.Equal([("first", 0), ("second", 1)], reply.Calls.Select(c => (c.CallId, c.Position)).ToArray());
        Assert.True(reply.Calls[1].EstimatedWait > reply.Calls[0].EstimatedWait);
        Assert.Equal(before, h.State.Describe());
        Assert.Equal(events, h.Events.Count);
    }
}
