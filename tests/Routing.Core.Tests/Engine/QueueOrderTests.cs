using Routing.Core.Agents;
using Routing.Core.Commands;

namespace Routing.Core.Tests.Engine;

/// <summary>Strict order between classes; within a class priority plus linear aging, then arrival.</summary>
public sealed class QueueOrderTests
{
    [Fact]
    public void Higher_class_goes_first_regardless_of_wait_or_priority()
    {
        var h = new EngineHarness();
        h.Offer("same-day", "SYMPTOM", priority: 9);
        h.Time.Advance(TimeSpan.FromMinutes(30));
        h.Offer("urgent", "SYMPTOM", "my leg is swollen and painful, maybe a clot");

        h.LogInReady("nurse", AgentRole.Clinician);

        Assert.Equal("urgent", h.TakeNext("nurse"));
        Assert.Equal("same-day", h.TakeNext("nurse"));
    }

    [Fact]
    public void Within_a_class_priority_buys_a_head_start_worth_the_aging_step_and_no_more()
    {
        var h = new EngineHarness();
        h.Offer("early", "SCHEDULING");
        h.Time.Advance(TimeSpan.FromSeconds(50));
        h.Offer("vip-recent", "SCHEDULING", priority: 1); // 60 s head start: ahead of a caller who waited 50 s
        h.Time.Advance(TimeSpan.FromSeconds(200));
        h.Offer("vip-late", "SCHEDULING", priority: 2); // 120 s head start: still behind callers who waited 200 s+

        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");

        Assert.Equal(["vip-recent", "early", "vip-late"], [h.TakeNext("scheduler"), h.TakeNext("scheduler"), h.TakeNext("scheduler")]);
    }

    [Fact]
    public void Equal_scores_are_served_in_arrival_order()
    {
        var h = new EngineHarness();
        for (var i = 0; i < 5; i++)
        {
            h.Offer($"c{i}", "BILLING");
        }

        h.LogInReady("biller", AgentRole.NonClinical, "billing");
        var served = Enumerable.Range(0, 5).Select(_ => h.TakeNext("biller")).ToArray();
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], served);
    }

    [Fact]
    public void A_declined_call_keeps_its_original_place()
    {
        var h = new EngineHarness();
        h.Offer("first", "SCHEDULING");
        h.Time.Advance(TimeSpan.FromSeconds(5));
        h.Offer("second", "SCHEDULING");
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");
        Assert.Equal("first", h.OfferedTo("ann"));

        h.Must(new DeclineOffer("ann", "first", "wrong language"));
        h.LogInReady("bob", AgentRole.NonClinical, "scheduling");

        Assert.Equal("first", h.OfferedTo("bob"));
        Assert.Equal(AgentStatus.NotReady, h.Agent("ann").Status);
        Assert.Equal(EngineHarness.Start, h.Call("first").ArrivedAt);
    }

    [Fact]
    public void Position_and_estimated_wait_count_the_calls_ahead()
    {
        var h = new EngineHarness();
        h.LogIn("scheduler", AgentRole.NonClinical, new AgentSkill("scheduling", 3));
        var first = h.Offer("c0", "SCHEDULING");
        h.Offer("c1", "SCHEDULING");
        var third = h.Offer("c2", "SCHEDULING");
        var jumped = h.Offer("vip", "SCHEDULING", priority: 5);

        Assert.Equal(0, first.Position);
        Assert.Equal(2, third.Position);
        Assert.Equal(0, jumped.Position);
        Assert.True(third.EstimatedWait > first.EstimatedWait);
    }
}
