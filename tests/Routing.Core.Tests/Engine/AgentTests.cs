using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Events;

namespace Routing.Core.Tests.Engine;

public sealed class AgentTests
{
    [Fact]
    public void Ring_no_answer_returns_the_call_to_its_place_and_pauses_the_agent_then_N_misses_make_them_not_ready()
    {
        var h = new EngineHarness();
        h.Offer("c1", "SCHEDULING");
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");

        h.Advance(TimeSpan.FromSeconds(20));
        Assert.Contains(h.Events, e => e is OfferTimedOut { CallId: "c1", AgentId: "ann", ConsecutiveMisses: 1 });
        Assert.Equal(AgentStatus.NotReady, h.Agent("ann").Status);
        Assert.Equal("no-answer", h.Agent("ann").NotReadyReason);

        h.Advance(h.Options.MissPause);
        Assert.Equal("c1", h.OfferedTo("ann"));

        h.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(AgentStatus.NotReady, h.Agent("ann").Status);
        Assert.Equal("missed-offers", h.Agent("ann").NotReadyReason);
        h.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(AgentStatus.NotReady, h.Agent("ann").Status);
        Assert.Equal(Calls.CallPlace.Queued, h.Call("c1").Place);
    }

    [Fact]
    public void Wrap_up_holds_the_agent_until_its_timer_or_the_agent_ends_it()
    {
        var h = new EngineHarness();
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");
        h.Offer("c1", "SCHEDULING");
        h.Offer("c2", "SCHEDULING");
        h.Must(new AcceptOffer("ann", "c1"));
        h.Must(new CompleteCall("ann", "c1"));

        Assert.Equal(AgentStatus.WrapUp, h.Agent("ann").Status);
        h.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(h.OfferedTo("ann"));
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("c2", h.OfferedTo("ann"));
    }

    [Theory]
    [InlineData(AgentSelection.LongestIdle, "idle-longest")]
    [InlineData(AgentSelection.MostProficient, "expert")]
    [InlineData(AgentSelection.FewestCalls, "fresh")]
    public void Each_queue_picks_agents_by_its_strategy(AgentSelection selection, string expected)
    {
        var h = new EngineHarness(o => o with { Queues = o.Queues.Select(q => q.Id == "billing" ? q with { Selection = selection, WrapUp = TimeSpan.Zero } : q).ToArray() });

        // idle-longest: one call, idle since t+0. expert: one call (a scheduling call only it can take), idle since
        // t+10. fresh: no calls, idle since t+20. Each strategy has exactly one winner.
        h.LogIn("idle-longest", AgentRole.NonClinical, new AgentSkill("billing", 2));
        h.Must(new SetReady("idle-longest"));
        h.Offer("warmup-1", "BILLING");
        h.TakeNext("idle-longest");
        h.Time.Advance(TimeSpan.FromSeconds(10));
        h.LogIn("expert", AgentRole.NonClinical, new AgentSkill("billing", 5), new AgentSkill("scheduling", 1));
        h.Must(new SetReady("expert"));
        h.Offer("warmup-2", "SCHEDULING");
        h.TakeNext("expert");
        h.Time.Advance(TimeSpan.FromSeconds(10));
        h.LogIn("fresh", AgentRole.NonClinical, new AgentSkill("billing", 1));
        h.Must(new SetReady("fresh"));
        h.Time.Advance(TimeSpan.FromSeconds(10));

        h.Offer("c1", "BILLING");
        Assert.Equal("c1", h.OfferedTo(expected));
    }

    [Fact]
    public void Invalid_commands_are_refused_with_a_typed_error_and_leave_state_untouched()
    {
        var h = new EngineHarness();
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");
        h.LogInReady("bob", AgentRole.NonClinical, "scheduling");
        h.Offer("c1", "SCHEDULING");
        var holder = h.OfferedTo("ann") is not null ? "ann" : "bob";
        var other = holder == "ann" ? "bob" : "ann";
        var before = h.State.Describe();

        Assert.Equal(RoutingErrorCode.NotFound, h.Execute(new SetReady("nobody")).Error?.Code);
        Assert.Equal(RoutingErrorCode.FailedPrecondition, h.Execute(new AcceptOffer(other, "c1")).Error?.Code);
        Assert.Equal(RoutingErrorCode.FailedPrecondition, h.Execute(new CompleteCall(holder, "c1")).Error?.Code);
        Assert.Equal(RoutingErrorCode.FailedPrecondition, h.Execute(new SetNotReady(holder, "lunch")).Error?.Code);
        Assert.Equal(RoutingErrorCode.InvalidArgument, h.Execute(new SetNotReady(other, " ")).Error?.Code);
        Assert.Equal(RoutingErrorCode.InvalidArgument, h.Execute(new LogIn("x", AgentRole.NonClinical, [new AgentSkill("billing", 7)])).Error?.Code);
        Assert.Equal(RoutingErrorCode.FailedPrecondition, h.Execute(new LogIn("ann", AgentRole.Clinician, [])).Error?.Code);
        Assert.Equal(RoutingErrorCode.NotFound, h.Execute(new TransferCall(holder, "ghost", "billing")).Error?.Code);

        Assert.Equal(before, h.State.Describe());
    }

    [Fact]
    public void Logging_out_while_an_offer_rings_puts_the_call_back_in_its_place()
    {
        var h = new EngineHarness();
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");
        h.Offer("c1", "SCHEDULING");

        h.Must(new LogOut("ann"));

        Assert.Equal(Calls.CallPlace.Queued, h.Call("c1").Place);
        Assert.Contains(h.Events, e => e is OfferCancelled { Reason: OfferCancelReason.AgentLoggedOut });
        Assert.Equal(AgentStatus.LoggedOut, h.Agent("ann").Status);
    }
}
