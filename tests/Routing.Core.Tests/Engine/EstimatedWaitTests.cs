using Routing.Core.Agents;
using Routing.Core.Commands;

namespace Routing.Core.Tests.Engine;

/// <summary>The estimated wait a caller hears counts only the agents who are taking or handling calls.</summary>
public sealed class EstimatedWaitTests
{
    [Fact]
    public void An_agent_on_a_break_does_not_shorten_the_estimated_wait()
    {
        var alone = WaitWithOneAgentOnACall(h => { });
        var withBreak = WaitWithOneAgentOnACall(h =>
        {
            h.LogIn("on-break", AgentRole.NonClinical, new AgentSkill("scheduling", 3));
            h.Must(new SetReady("on-break"));
            h.Must(new SetNotReady("on-break", "lunch"));
        });
        var justLoggedIn = WaitWithOneAgentOnACall(h => h.LogIn("not-ready-yet", AgentRole.NonClinical, new AgentSkill("scheduling", 3)));

        Assert.Equal(alone, withBreak);
        Assert.Equal(alone, justLoggedIn);
    }

    [Fact]
    public void Agents_on_calls_and_in_wrap_up_count_as_staffed()
    {
        var h = new EngineHarness();
        h.LogInReady("a1", AgentRole.NonClinical, "scheduling");
        h.LogInReady("a2", AgentRole.NonClinical, "scheduling");
        h.Offer("c1");
        h.Offer("c2");
        h.Must(new AcceptOffer("a1", "c1"));
        h.Must(new AcceptOffer("a2", "c2"));
        h.Must(new CompleteCall("a2", "c2"));

        // a1 on a call, a2 in wrap-up: two agents will serve the line, so the head of it waits half a handle time.
        var reply = h.Offer("c3");
        var handle = h.State.FindQueue("scheduling")!.AverageHandleTime;

        Assert.Equal(AgentStatus.WrapUp, h.Agent("a2").Status);
        Assert.Equal(0, reply.Position);
        Assert.Equal(handle.TotalSeconds / 2, reply.EstimatedWait.TotalSeconds, precision: 6);
        Assert.Empty(h.State.CheckInvariants());
    }

    [Fact]
    public void The_staffed_count_follows_breaks_and_logouts_and_survives_replay()
    {
        var h = new EngineHarness();
        h.LogInReady("a1", AgentRole.NonClinical, "scheduling");
        h.LogInReady("a2", AgentRole.NonClinical, "scheduling");
        h.Must(new SetNotReady("a2", "training"));
        h.Must(new LogOut("a1"));
        h.Must(new SetReady("a2"));

        Assert.Equal(1, h.State.FindQueue("scheduling")!.StaffedAgents);
        Assert.Empty(h.State.CheckInvariants());
        Assert.Equal(h.State.Describe(), h.Replay().Describe());
    }

    // One agent takes a first call; a second call then waits at the head of the line behind them.
    private static TimeSpan WaitWithOneAgentOnACall(Action<EngineHarness> others)
    {
        var h = new EngineHarness();
        h.LogInReady("busy", AgentRole.NonClinical, "scheduling");
        h.Offer("first");
        h.Must(new AcceptOffer("busy", "first"));
        others(h);
        var reply = h.Offer("second");
        Assert.Equal(0, reply.Position);
        Assert.Empty(h.State.CheckInvariants());
        return reply.EstimatedWait;
    }
}
