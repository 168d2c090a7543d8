using Routing.LoadTest.Erlang;

namespace Routing.Core.Tests.Simulation;

public sealed class ErlangCTests
{
    /// <summary>pyworkforce README and regression test: 100 calls per 30 min, AHT 180 s, 14 agents, T = 20 s.</summary>
    [Fact]
    public void Reproduces_the_published_pyworkforce_values()
    {
        var model = new ErlangC(callsPerHour: 200, ahtSeconds: 180, agents: 14);
        var prediction = model.Predict(20);

        // To 4 decimals: within half a unit of the 4th.
        Assert.Equal(10.0, model.Load, 1e-12);
        Assert.Equal(0.888350, prediction.ServiceLevel, 5e-5);
        Assert.Equal(0.174132, prediction.ProbabilityOfWait, 5e-5);
        Assert.Equal(7.84, prediction.AsaSeconds, 5e-3);
        Assert.Equal(0.0, prediction.AbandonRate);
        Assert.Equal(10.0 / 14, prediction.Occupancy, 1e-12);
    }

    /// <summary>
    /// Textbook M/M/2 (two long-distance operators, 15 calls an hour, 5-minute calls): P(wait) = 0.4808 and
    /// Wq = 3.205 minutes (SL(20 s) = 1 − 0.4808·e^{−0.05} = 0.5427); and the classic 48-Erlang sizing example
    /// (360 calls per half hour, 4 minutes, 55 agents): P(wait) 0.2387, ASA 8.18 s, 86.7% within 20 s.
    /// </summary>
    [Theory]
    [InlineData(15.0, 300.0, 2, 0.4808, 192.31, 20.0, 0.5427)]
    [InlineData(720.0, 240.0, 55, 0.2387, 8.184, 20.0, 0.8668)]
    public void Reproduces_textbook_values(double callsPerHour, double aht, int agents, double wait, double asa, double t, double sl)
    {
        var model = new ErlangC(callsPerHour, aht, agents);

        Assert.Equal(wait, model.ProbabilityOfWait, 1e-4);
        Assert.Equal(asa, model.AsaSeconds, 1e-2);
        Assert.Equal(sl, model.ServiceLevel(t), 1e-4);
    }

    [Fact]
    public void Matches_a_direct_sum_of_the_formula_for_many_loads()
    {
        foreach (var (load, agents) in new[] { (0.5, 1), (2.0, 5), (10.0, 14), (48.0, 55), (95.0, 100), (900.0, 940) })
        {
            var expected = DirectErlangC(load, agents);
            var actual = new ErlangC(load * 3600 / 180, 180, agents).ProbabilityOfWait;
            Assert.Equal(expected, actual, 1e-10);
        }
    }

    [Fact]
    public void Erlang_B_matches_the_classic_table()
    {
        Assert.Equal(0.0184, ErlangC.ErlangB(10, 5), 1e-4);
        Assert.Equal(0.5, ErlangC.ErlangB(1, 1), 1e-12);
    }

    [Fact]
    public void A_load_at_or_above_the_agents_has_no_steady_state()
    {
        var model = new ErlangC(callsPerHour: 200, ahtSeconds: 180, agents: 10);

        Assert.False(model.IsStable);
        Assert.Equal(0.0, model.ServiceLevel(20));
        Assert.True(double.IsPositiveInfinity(model.AsaSeconds));
    }

    [Fact]
    public void Zero_threshold_service_level_is_the_chance_of_not_waiting()
    {
        var model = new ErlangC(200, 180, 14);

        Assert.Equal(1 - model.ProbabilityOfWait, model.ServiceLevel(0), 1e-12);
    }

    /// <summary>C = (A^N/N! · N/(N−A)) / (Σ_{k&lt;N} A^k/k! + A^N/N! · N/(N−A)), summed in logs to stay finite.</summary>
    private static double DirectErlangC(double load, int agents)
    {
        var logTerms = new double[agents + 1];
        for (var k = 1; k <= agents; k++)
        {
            logTerms[k] = logTerms[k - 1] + Math.Log(load) - Math.Log(k);
        }

        var top = logTerms.Max();
        var below = 0.0;
        for (var k = 0; k < agents; k++)
        {
            below += Math.Exp(logTerms[k] - top);
        }

        var queued = Math.Exp(logTerms[agents] - top) * agents / (agents - load);
        return queued / (below + queued);
    }
}
