using Routing.LoadTest.Erlang;
using Routing.LoadTest.Staffing;

namespace Routing.Core.Tests.Simulation;

public sealed class StaffingPlannerTests
{
    /// <summary>pyworkforce: 100 calls per 30 min, AHT 180 s, 80% in 20 s needs 14 raw positions.</summary>
    [Fact]
    public void Erlang_C_staffing_matches_the_published_14_agents()
    {
        var planner = new StaffingPlanner(ahtSeconds: 180, thresholdSeconds: 20, target: 0.8, patienceSeconds: null);

        Assert.Equal(14, planner.RequiredAgents(200));
    }

    [Theory]
    [InlineData(200.0, 0.8, null)]
    [InlineData(280.0, 0.8, null)]
    [InlineData(240.0, 0.9, null)]
    [InlineData(720.0, 0.8, null)]
    [InlineData(5000.0, 0.95, null)]
    [InlineData(200.0, 0.8, 300.0)]
    [InlineData(720.0, 0.9, 120.0)]
    [InlineData(5000.0, 0.8, 60.0)]
    public void Picks_the_fewest_agents_meeting_the_target(double callsPerHour, double target, double? patience)
    {
        var planner = new StaffingPlanner(180, 20, target, patience);

        var agents = planner.RequiredAgents(callsPerHour);

        Assert.True(planner.ServiceLevel(callsPerHour, agents) >= target, $"{agents} agents miss the target");
        Assert.True(agents == 1 || planner.ServiceLevel(callsPerHour, agents - 1) < target, $"{agents - 1} agents already meet it");
    }

    [Fact]
    public void Patience_never_asks_for_more_agents_here_and_no_calls_need_nobody()
    {
        var withoutPatience = new StaffingPlanner(180, 20, 0.8, null);
        var withPatience = new StaffingPlanner(180, 20, 0.8, 300);

        Assert.Equal(13, withPatience.RequiredAgents(200));
        Assert.True(withPatience.RequiredAgents(1000) <= withoutPatience.RequiredAgents(1000));
        Assert.Equal(0, withoutPatience.RequiredAgents(0));
    }

    [Fact]
    public void A_target_of_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaffingPlanner(180, 20, 1.0, null));
    }
}
