using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Constant_spacing_puts_the_kth_request_at_k_over_rate()
    {
        var offsets = ArrivalSchedule.Offsets(100, TimeSpan.FromSeconds(1), ArrivalProcess.Constant, new Random(1)).ToList();

        Assert.Equal(100, offsets.Count);
        for (var k = 0; k < offsets.Count; k++)
        {
            Assert.Equal(k * 10.0, offsets[k].TotalMilliseconds, precision: 6);
        }
    }

    [Fact]
    public void Constant_spacing_does_not_drift_over_a_long_step()
    {
        // 650/s does not divide a second evenly: adding a rounded gap each time would drift.
        var offsets = ArrivalSchedule.Offsets(650, TimeSpan.FromSeconds(12), ArrivalProcess.Constant, new Random(1)).ToList();

        Assert.Equal(7800, offsets.Count);
        Assert.Equal(7799 / 650.0, offsets[^1].TotalSeconds, precision: 6);
    }

    [Fact]
    public void Poisson_arrivals_have_the_rate_on_average_and_exponential_gaps()
    {
        const double rate = 2000;
        var offsets = ArrivalSchedule.Offsets(rate, TimeSpan.FromSeconds(10), ArrivalProcess.Poisson, new Random(7)).ToList();

        // 20,000 expected, standard deviation ~141.
        Assert.InRange(offsets.Count, 19_400, 20_600);
        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, TimeSpan.FromSeconds(10)));
        var gaps = offsets.Zip(offsets.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.All(gaps, g => Assert.True(g >= 0));
        Assert.Equal(1 / rate, gaps.Average(), precision: 5);

        // Exponential: P(gap > mean) = e^-1.
        var overMean = gaps.Count(g => g > 1 / rate) / (double)gaps.Count;
        Assert.InRange(overMean, Math.Exp(-1) - 0.02, Math.Exp(-1) + 0.02);
    }

    [Fact]
    public void Poisson_arrivals_are_reproducible_from_the_seed()
    {
        List<TimeSpan> Draw(int seed) =>
            ArrivalSchedule.Offsets(500, TimeSpan.FromSeconds(2), ArrivalProcess.Poisson, new Random(ArrivalSchedule.SeedFor(seed, 3))).ToList();

        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
    }

    [Fact]
    public void Steps_get_independent_seeds()
    {
        Assert.NotEqual(ArrivalSchedule.SeedFor(1, 1), ArrivalSchedule.SeedFor(1, 2));
        Assert.NotEqual(ArrivalSchedule.SeedFor(1, 2), ArrivalSchedule.SeedFor(2, 2));
    }
}
