using Routing.Core.Events;
using Routing.Core.Statistics;

namespace Routing.Core.Tests.Statistics;

public sealed class WaitPercentileTests
{
    private const int Calls = 100_000;

    /// <summary>
    /// 100,000 answered calls with waits spread log-uniformly from 1 ms to 2 h, fed as events; each percentile of the
    /// report is compared with the exact nearest-rank value of the sorted waits.
    /// </summary>
    [Fact]
    public void Percentiles_are_within_one_percent_of_the_exact_values_for_100k_random_waits()
    {
        var random = new Random(20260302);
        var waits = new TimeSpan[Calls];
        var script = new EventScript();
        for (var i = 0; i < Calls; i++)
        {
            waits[i] = TimeSpan.FromMilliseconds(Math.Exp(random.NextDouble() * Math.Log(7_200_000)));
        }

        // Arrivals 5 ms apart (all in the first 15-minute interval), answers in time order.
        var arrivals = new DateTimeOffset[Calls];
        for (var i = 0; i < Calls; i++)
        {
            arrivals[i] = EventScript.T0 + TimeSpan.FromTicks(i * 50_000L);
            script.Arrive($"w{i}", arrivals[i]);
        }

        var order = Enumerable.Range(0, Calls).OrderBy(i => arrivals[i] + waits[i]).ToArray();
        foreach (var i in order)
        {
            script.Add(new CallAccepted(arrivals[i] + waits[i], $"w{i}", "agent", false));
        }

        var statistics = script.Feed();
        var wait = statistics.Aggregate(EventScript.T0, EventScript.T0.AddDays(1)).Wait;
        var sorted = waits.Order().ToArray();

        Assert.Equal(Calls, wait.Count);
        AssertWithinOnePercent(sorted, 5000, wait.P50);
        AssertWithinOnePercent(sorted, 9000, wait.P90);
        AssertWithinOnePercent(sorted, 9500, wait.P95);
        AssertWithinOnePercent(sorted, 9900, wait.P99);
        Assert.Equal(sorted[^1], wait.Max);
    }

    [Fact]
    public void Every_recorded_value_comes_back_within_half_a_percent_as_a_single_sample()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var ticks = (long)Math.Exp(random.NextDouble() * Math.Log(long.MaxValue / 2.0));
            var histogram = new DurationHistogram();
            histogram.Record(TimeSpan.FromTicks(ticks));
            histogram.Record(TimeSpan.FromTicks(ticks * 2));
            var p50 = histogram.Summarize().P50.Ticks;
            Assert.True(Math.Abs(p50 - ticks) <= ticks * 0.005, $"{ticks} came back as {p50}");
        }
    }

    [Fact]
    public void Histograms_merge_exactly()
    {
        var random = new Random(11);
        var whole = new DurationHistogram();
        var parts = new[] { new DurationHistogram(), new DurationHistogram(), new DurationHistogram() };
        for (var i = 0; i < 30_000; i++)
        {
            var value = TimeSpan.FromMilliseconds(random.Next(0, 3_600_000));
            whole.Record(value);
            parts[i % 3].Record(value);
        }

        var merged = new DurationHistogram();
        foreach (var part in parts)
        {
            merged.Add(part);
        }

        Assert.Equal(whole.Summarize(), merged.Summarize());
        Assert.Equal(whole.TotalTicks, merged.TotalTicks);
    }

    [Fact]
    public void Small_samples_use_nearest_rank()
    {
        var histogram = new DurationHistogram();
        foreach (var seconds in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
        {
            histogram.Record(TimeSpan.FromSeconds(seconds));
        }

        var summary = histogram.Summarize();
        Assert.Equal(10, summary.Count);
        AssertClose(TimeSpan.FromSeconds(5), summary.P50);
        AssertClose(TimeSpan.FromSeconds(9), summary.P90);
        AssertClose(TimeSpan.FromSeconds(10), summary.P95);
        Assert.Equal(TimeSpan.FromSeconds(10), summary.Max);
        Assert.Equal(DurationPercentiles.Empty, new DurationHistogram().Summarize());
    }

    private static void AssertWithinOnePercent(TimeSpan[] sorted, int basisPoints, TimeSpan actual)
    {
        var rank = DurationHistogram.RankOf(sorted.Length, basisPoints);
        var exact = sorted[rank - 1];
        var error = Math.Abs(actual.Ticks - exact.Ticks) / (double)exact.Ticks;
        Assert.True(error < 0.01, $"p{basisPoints / 100.0}: {actual} vs exact {exact} ({error:P3})");
    }

    private static void AssertClose(TimeSpan expected, TimeSpan actual) =>
        Assert.True(Math.Abs((actual - expected).Ticks) <= expected.Ticks / 200, $"{actual} is not within 0.5% of {expected}");
}
