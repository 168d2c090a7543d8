using Routing.LoadTest.Month;

namespace Routing.LoadTest.Tests.Month;

/// <summary>The standard month's 200,000 generated calls have the shape service-levels.md describes.</summary>
public sealed class CallGeneratorTests
{
    private static readonly CallPlan Month = Scenarios.Plan(Scenarios.Standard);

    [Fact]
    public void The_same_seed_gives_the_same_month_and_another_seed_another()
    {
        var again = Scenarios.Plan(Scenarios.Standard);
        var other = Scenarios.Plan(Scenarios.Standard, seed: 2);

        Assert.Equal(Month.Calls, again.Calls);
        Assert.NotEqual(Month.Calls, other.Calls);
        Assert.Equal(Month.Calls.Length, other.Calls.Length);
    }

    [Fact]
    public void Exactly_the_scenario_total_arrives_in_order_within_the_open_hours()
    {
        Assert.Equal(200_000, Month.Calls.Length);
        for (var i = 1; i < Month.Calls.Length; i++)
        {
            Assert.True(Month.Calls[i - 1].ArrivalMs <= Month.Calls[i].ArrivalMs, "arrivals are sorted");
        }

        foreach (var call in Month.Calls)
        {
            var at = Scenarios.Monday.AddMilliseconds(call.ArrivalMs);
            Assert.InRange(at.Hour, 8, 17);
            Assert.NotEqual(DayOfWeek.Sunday, at.DayOfWeek);
        }
    }

    [Fact]
    public void Monday_is_the_peak_and_Wednesday_about_half_of_it()
    {
        var byWeekday = Month.Calls.GroupBy(c => Scenarios.Monday.AddMilliseconds(c.ArrivalMs).DayOfWeek).ToDictionary(g => g.Key, g => g.Count());
        var perMonday = byWeekday[DayOfWeek.Monday] / 5.0;
        var perWednesday = byWeekday[DayOfWeek.Wednesday] / 4.0;
        var perSaturday = byWeekday[DayOfWeek.Saturday] / 4.0;

        Assert.Equal(12_500, perMonday, 12_500 * 0.02);
        Assert.Equal(0.5, perWednesday / perMonday, 0.03);
        Assert.True(perSaturday < perWednesday / 2, "Saturday is light");
        Assert.False(byWeekday.ContainsKey(DayOfWeek.Sunday));
        Assert.Equal(byWeekday.Values.Max(), byWeekday[DayOfWeek.Monday]);
    }

    [Fact]
    public void The_8_am_hour_is_the_busiest_with_a_lunch_dip()
    {
        var byHour = new double[24];
        foreach (var call in Month.Calls)
        {
            byHour[Scenarios.Monday.AddMilliseconds(call.ArrivalMs).Hour]++;
        }

        double[] expected = [16, 13, 11, 10, 8, 10, 9, 9, 8, 6];
        for (var h = 0; h < expected.Length; h++)
        {
            Assert.Equal(expected[h] / 100, byHour[8 + h] / Month.Calls.Length, 0.005);
        }

        Assert.Equal(8, Array.IndexOf(byHour, byHour.Max()));
        Assert.True(byHour[12] < byHour[11] && byHour[12] < byHour[13], "the lunch hour dips");
    }

    [Fact]
    public void The_mix_matches_the_scenario_shares()
    {
        var mix = Month.Scenario.Mix;
        var total = mix.Sum(k => k.Share);
        for (var k = 0; k < mix.Count; k++)
        {
            var share = Month.Calls.Count(c => c.Kind == k) / (double)Month.Calls.Length;
            Assert.Equal(mix[k].Share / total, share, 0.005);
        }

        var emergency = Month.Calls.Count(c => mix[c.Kind].Kind == "red-flag-emergency") / (double)Month.Calls.Length;
        var emergent = Month.Calls.Count(c => mix[c.Kind].Kind == "red-flag-emergent") / (double)Month.Calls.Length;
        Assert.InRange(emergency, 0.01, 0.02);
        Assert.InRange(emergent, 0.055, 0.07);
    }

    [Fact]
    public void Senior_callers_come_in_the_scenario_share_with_senior_ages()
    {
        var scheduling = Kind("scheduling");
        var calls = Month.Calls.Where(c => c.Kind == scheduling).ToArray();
        var seniors = calls.Where(c => c.Senior).ToArray();

        Assert.Equal(0.15, seniors.Length / (double)calls.Length, 0.01);
        Assert.All(seniors, c => Assert.InRange(c.Age, 65, 94));
        Assert.All(calls.Where(c => !c.Senior), c => Assert.InRange(c.Age, 18, 64));
        Assert.All(calls.Where(c => c.SeniorProgram), c => Assert.True(c.Senior));
    }

    [Theory]
    [InlineData("scheduling", 240)]
    [InlineData("symptom", 480)]
    [InlineData("red-flag-emergent", 600)]
    public void Handle_times_are_lognormal_with_the_scenario_mean_and_spread(string kind, double mean)
    {
        var index = Kind(kind);
        var spec = Month.Scenario.Mix[index].HandleTime;
        var seconds = Month.Calls.Where(c => c.Kind == index).Select(c => c.HandleMs / 1000.0).ToArray();
        var average = seconds.Average();
        var sd = Math.Sqrt(seconds.Sum(s => (s - average) * (s - average)) / (seconds.Length - 1));
        var logs = seconds.Select(s => Math.Log(s)).ToArray();
        var logMean = logs.Average();

        Assert.Equal(mean, spec.MeanSeconds);
        Assert.Equal(mean, average, mean * 0.02);
        Assert.Equal(spec.SdSeconds, sd, spec.SdSeconds * 0.05);

        // Lognormal: the logarithms are normal with the derived mu, and the median sits below the mean.
        Assert.Equal(spec.LogMu, logMean, 0.02);
        Assert.True(Median(seconds) < average);
    }

    [Fact]
    public void Red_flag_callers_wait_longer_than_administrative_ones()
    {
        var redFlag = Month.Calls.Where(c => Month.Scenario.Mix[c.Kind].RedFlag).Average(c => c.PatienceMs);
        var scheduling = Month.Calls.Where(c => c.Kind == Kind("scheduling")).Average(c => c.PatienceMs);

        Assert.True(redFlag > 3 * scheduling, $"red-flag patience {redFlag / 1000:0} s vs scheduling {scheduling / 1000:0} s");
        Assert.Equal(300, scheduling / 1000, 300 * 0.03);
    }

    [Fact]
    public void Requests_carry_the_kind_s_codes_and_no_call_without_its_reason()
    {
        for (var i = 0; i < 2_000; i++)
        {
            var kind = Month.KindOf(i);
            var request = Month.Request(i, $"c-{i}", "gw");

            Assert.Equal(kind.ReasonCode, request.ReasonCode);
            Assert.Equal(kind.RedFlags.Count > 0 ? 1 : 0, request.RedFlags.Count);
            Assert.All(request.RedFlags, f => Assert.Contains(f, kind.RedFlags));
            Assert.Equal(kind.ScreenCompleted, request.ScreenCompleted);
            Assert.Equal(Month.Calls[i].Age, request.CallerAge);
        }
    }

    private static int Kind(string name) => Month.Scenario.Mix.Select((k, i) => (k, i)).Single(x => x.k.Kind == name).i;

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
