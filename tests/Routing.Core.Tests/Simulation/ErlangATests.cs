using Routing.LoadTest.Erlang;

namespace Routing.Core.Tests.Simulation;

public sealed class ErlangATests
{
    /// <summary>pyworkforce: 100 calls per 30 min, AHT 180 s, 14 agents, T = 20 s, mean patience 300 s.</summary>
    [Fact]
    public void Reproduces_the_published_pyworkforce_values()
    {
        var model = new ErlangA(callsPerHour: 200, ahtSeconds: 180, agents: 14, patienceSeconds: 300);
        var prediction = model.Predict(20);

        Assert.Equal(0.14526, prediction.ProbabilityOfWait, 1e-3);
        Assert.Equal(0.013984, prediction.AbandonRate, 1e-3);
        Assert.Equal(4.20, prediction.AsaSeconds, 1e-2);
        Assert.Equal(0.916792, prediction.ServiceLevel, 1e-3);
        Assert.Equal(0.704297, prediction.Occupancy, 1e-3);

        // Tighter than the brief asks: the values agree to the digits published.
        Assert.Equal(0.916792, prediction.ServiceLevel, 5e-7);
        Assert.Equal(0.013984, prediction.AbandonRate, 5e-7);
        Assert.Equal(0.704297, prediction.Occupancy, 5e-7);
    }

    [Theory]
    [InlineData(200.0, 180.0, 14, 20.0)]
    [InlineData(720.0, 240.0, 55, 15.0)]
    [InlineData(15.0, 300.0, 2, 60.0)]
    public void Converges_to_Erlang_C_when_nobody_gives_up(double callsPerHour, double aht, int agents, double t)
    {
        var c = new ErlangC(callsPerHour, aht, agents).Predict(t);
        var a = new ErlangA(callsPerHour, aht, agents, patienceSeconds: 1e9).Predict(t);

        Assert.Equal(c.ServiceLevel, a.ServiceLevel, 1e-5);
        Assert.Equal(c.ProbabilityOfWait, a.ProbabilityOfWait, 1e-5);
        Assert.Equal(c.AsaSeconds, a.AsaSeconds, 1e-3 * c.AsaSeconds);
        Assert.True(a.AbandonRate < 1e-5);
    }

    [Fact]
    public void Service_level_runs_from_not_waiting_at_zero_to_not_abandoning_at_infinity()
    {
        var model = new ErlangA(200, 180, 14, 300);

        Assert.Equal(1 - model.ProbabilityOfWait, model.ServiceLevel(0), 1e-12);
        Assert.Equal(1 - model.AbandonRate, model.ServiceLevel(1e4), 1e-9);
        var previous = 0.0;
        foreach (var t in new[] { 0.0, 5, 10, 20, 60, 120, 600 })
        {
            var sl = model.ServiceLevel(t);
            Assert.True(sl > previous || t == 0, $"SL({t}) = {sl} did not rise above {previous}");
            previous = sl;
        }
    }

    /// <summary>With one position the tagged caller is answered by time T with probability ∫ Nμ e^{−(Nμ+θ)t} dt.</summary>
    [Fact]
    public void Tagged_caller_at_the_head_of_the_line_matches_the_closed_form()
    {
        const double ServiceRate = 14 / 180.0;
        const double Theta = 1 / 300.0;
        var model = new ErlangA(200, 180, 14, 300);

        var u = model.AnsweredWithin(positions: 3, thresholdSeconds: 20);

        var expected = ServiceRate / (ServiceRate + Theta) * (1 - Math.Exp(-(ServiceRate + Theta) * 20));
        Assert.Equal(expected, u[0], 1e-12);
        Assert.True(u[0] > u[1] && u[1] > u[2]);
    }

    /// <summary>
    /// Independent of the uniformization: with j ahead the time to answer is hypoexponential with the distinct rates
    /// r_i = Nμ + iθ (i = 0..j), whose density is Σ_i c_i r_i e^{−r_i t} with c_i = Π_{k≠i} r_k / (r_k − r_i); the tagged
    /// caller must also still be there, so u_j(T) = Σ_i c_i r_i / (r_i + θ) · (1 − e^{−(r_i + θ)T}).
    /// </summary>
    [Theory]
    [InlineData(200.0, 180.0, 14, 300.0, 20.0)]
    [InlineData(720.0, 240.0, 55, 120.0, 15.0)]
    [InlineData(60.0, 300.0, 3, 60.0, 120.0)]
    public void Tagged_caller_matches_the_hypoexponential_closed_form(double callsPerHour, double aht, int agents, double patience, double t)
    {
        var serviceRate = agents / aht;
        var theta = 1 / patience;
        var model = new ErlangA(callsPerHour, aht, agents, patience);

        var u = model.AnsweredWithin(positions: 6, thresholdSeconds: t);

        for (var j = 0; j < 6; j++)
        {
            var expected = 0.0;
            for (var i = 0; i <= j; i++)
            {
                var ri = serviceRate + (i * theta);
                var c = 1.0;
                for (var k = 0; k <= j; k++)
                {
                    if (k != i)
                    {
                        var rk = serviceRate + (k * theta);
                        c *= rk / (rk - ri);
                    }
                }

                expected += c * ri / (ri + theta) * (1 - Math.Exp(-(ri + theta) * t));
            }

            Assert.Equal(expected, u[j], 1e-8);
        }
    }

    [Fact]
    public void Overload_is_stable_with_patience()
    {
        var model = new ErlangA(callsPerHour: 400, ahtSeconds: 180, agents: 10, patienceSeconds: 120);

        Assert.InRange(model.AbandonRate, 0.4, 0.6);
        Assert.InRange(model.ProbabilityOfWait, 0.9, 1.0);
        Assert.InRange(model.ServiceLevel(20), 0.0, 1.0);
    }
}
