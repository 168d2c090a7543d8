using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

public sealed class MaxRateSearchTests
{
    [Fact]
    public void Climbs_by_the_growth_factor_then_bisects_to_within_the_resolution()
    {
        var (search, rates) = Drive(new MaxRateSearch(100, growth: 1.5, resolution: 1.1), limit: 3000);

        // 100, 150, ..., 2562.9 pass; 3844.3 fails; then geometric midpoints.
        Assert.Equal([100, 150, 225, 337.5, 506.25, 759.375, 1139.0625, 1708.59375, 2562.890625, 3844.3359375], rates.Take(10).Select(r => Math.Round(r, 7)));
        Assert.NotNull(search.HighestSustained);
        Assert.InRange(search.HighestSustained.Value, 3000 / 1.1, 3000);
        Assert.True(search.LowestFailed > 3000);
        Assert.True(search.LowestFailed / search.HighestSustained <= 1.1);
        Assert.StartsWith("bracketed", search.StopReason, StringComparison.Ordinal);
        Assert.InRange(rates.Count, 11, 14);
    }

    [Fact]
    public void A_failing_first_step_halves_until_one_passes()
    {
        var (search, rates) = Drive(new MaxRateSearch(10_000, growth: 1.5, resolution: 1.1), limit: 1800);

        Assert.Equal([10_000, 5_000, 2_500, 1_250], rates.Take(4));
        Assert.InRange(search.HighestSustained!.Value, 1800 / 1.1, 1800);
    }

    [Fact]
    public void Nothing_sustained_stops_at_the_minimum_rate()
    {
        var (search, _) = Drive(new MaxRateSearch(100, minRate: 1), limit: 0);

        Assert.Null(search.HighestSustained);
        Assert.Contains("no rate", search.StopReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_at_the_ceiling_when_nothing_fails()
    {
        var (search, rates) = Drive(new MaxRateSearch(100, growth: 2, maxRate: 1000), limit: double.MaxValue);

        Assert.Equal([100, 200, 400, 800, 1000], rates);
        Assert.Equal(1000, search.HighestSustained);
        Assert.Contains("ceiling", search.StopReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_after_max_steps()
    {
        var (search, rates) = Drive(new MaxRateSearch(100, maxSteps: 4), limit: 1e9);

        Assert.Equal(4, rates.Count);
        Assert.Contains("--max-steps 4", search.StopReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lucky_pass_above_a_failure_is_not_the_answer()
    {
        // Noise on a shared machine: 2000 fails but 2400 passes. The answer stays below the failure.
        var verdicts = new[] { (1000.0, true), (1500.0, true), (2000.0, false), (2400.0, true), (1700.0, true) };

        var (sustained, failed) = MaxRateSearch.Bracket(verdicts);

        Assert.Equal(1700, sustained);
        Assert.Equal(2000, failed);
    }

    [Fact]
    public void Bracket_of_fixed_steps()
    {
        Assert.Equal<(double?, double?)>((650, 2000), MaxRateSearch.Bracket([(6.5, true), (65, true), (650, true), (2000, false), (5000, false)]));
        Assert.Equal<(double?, double?)>((null, 6.5), MaxRateSearch.Bracket([(6.5, false), (65, false)]));
        Assert.Equal<(double?, double?)>((65, null), MaxRateSearch.Bracket([(6.5, true), (65, true)]));
    }

    /// <summary>Runs the search against a server that sustains every rate up to <paramref name="limit"/>.</summary>
    private static (MaxRateSearch Search, List<double> Rates) Drive(MaxRateSearch search, double limit)
    {
        var rates = new List<double>();
        while (search.NextRate() is { } rate)
        {
            Assert.True(rates.Count < 100, "the search must end");
            rates.Add(rate);
            search.Record(rate, rate <= limit);
        }

        return (search, rates);
    }
}
