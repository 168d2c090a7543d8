namespace Routing.LoadTest.Month;

/// <summary>
/// Generates a month of calls from a scenario and a seed, deterministically. Arrivals are a Poisson process whose rate
/// is constant within each hour and follows the weekday and hour shares, conditioned on exactly
/// <see cref="MonthScenario.TotalCalls"/> arrivals: given the count, arrival instants are independent draws from the rate
/// profile, which the sorted uniforms below provide in one pass without sorting. Each property has its own random
/// stream, so changing (say) patience leaves the arrivals and kinds as they were. Instants and durations are then put on
/// the scenario's time grid (<see cref="MonthScenario.TimeStepMs"/>), arrivals rounded down within their hour.
/// </summary>
internal static class CallGenerator
{
    private const long MsPerHour = 3_600_000;

    /// <summary>No real conversation or wait is shorter; also keeps a completion strictly after its answer.</summary>
    private const long MinimumMs = 1_000;

    private static long StepMs(MonthScenario scenario) => Math.Max(1, scenario.TimeStepMs);

    private const int SeniorMinAge = 65;
    private const int SeniorAgeSpan = 30;
    private const int AdultMinAge = 18;
    private const int AdultAgeSpan = SeniorMinAge - AdultMinAge;

    public static CallPlan Generate(MonthCalendar calendar, int seed)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var scenario = calendar.Scenario;
        var master = new Random(seed);
        var arrivals = new Random(master.Next());
        var kinds = new Random(master.Next());
        var attributes = new Random(master.Next());
        var handles = new Random(master.Next());
        var patience = new Random(master.Next());

        var step = StepMs(scenario);
        var instants = ArrivalInstants(calendar, scenario.TotalCalls, arrivals);
        var kindCumulative = Cumulative(scenario.Mix.Select(k => k.Share).ToArray());
        var calls = new PlannedCall[instants.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            var kindIndex = Pick(kindCumulative, kinds.NextDouble());
            var kind = scenario.Mix[kindIndex];

            // Always five draws per call, used or not, so one kind's settings never shift another call's attributes.
            var senior = attributes.NextDouble() < kind.SeniorShare;
            var ageDraw = attributes.NextDouble();
            var programDraw = attributes.NextDouble();
            var flagDraw = attributes.NextDouble();
            var wordsDraw = attributes.NextDouble();
            var age = senior ? SeniorMinAge + (int)(ageDraw * SeniorAgeSpan) : AdultMinAge + (int)(ageDraw * AdultAgeSpan);

            calls[i] = new PlannedCall(
                instants[i] / step * step,
                kindIndex,
                senior,
                age,
                SeniorProgram: senior && programDraw < 1.0 / 3.0,
                RedFlagIndex: kind.RedFlags.Count == 0 ? -1 : Math.Min((int)(flagDraw * kind.RedFlags.Count), kind.RedFlags.Count - 1),
                WordsIndex: kind.Words.Count == 0 ? -1 : Math.Min((int)(wordsDraw * kind.Words.Count), kind.Words.Count - 1),
                HandleMs: ToMs(kind.HandleTime.SampleSeconds(handles), step),
                PatienceMs: kind.Patience is { } p ? ToMs(p.SampleSeconds(patience), step) : -1);
        }

        return new CallPlan(calendar, seed, calls);
    }

    /// <summary>
    /// <paramref name="count"/> sorted instants (ms after the start) distributed like the hourly rate profile. Sorted
    /// uniforms are cumulative sums of exponentials divided by one more; each is mapped through the inverse of the
    /// cumulative rate, which is linear within an hour.
    /// </summary>
    private static long[] ArrivalInstants(MonthCalendar calendar, int count, Random random)
    {
        var hours = new List<(long StartMs, double Weight)>();
        for (var d = 0; d < calendar.Days; d++)
        {
            for (var h = 0; h < MonthScenario.HoursPerDay; h++)
            {
                var weight = calendar.DayShare(d) * calendar.HourShare(h);
                if (weight > 0)
                {
                    hours.Add(((((long)d * MonthScenario.HoursPerDay) + h) * MsPerHour, weight));
                }
            }
        }

        var spacings = new double[count + 1];
        var total = 0.0;
        for (var i = 0; i < spacings.Length; i++)
        {
            total += -Math.Log(1.0 - random.NextDouble());
            spacings[i] = total;
        }

        var weightSum = hours.Sum(h => h.Weight);
        var instants = new long[count];
        var hour = 0;
        var before = 0.0;
        for (var i = 0; i < count; i++)
        {
            var target = spacings[i] / total * weightSum;
            while (hour < hours.Count - 1 && before + hours[hour].Weight < target)
            {
                before += hours[hour].Weight;
                hour++;
            }

            var within = Math.Clamp((target - before) / hours[hour].Weight, 0.0, 1.0);
            instants[i] = hours[hour].StartMs + Math.Min(MsPerHour - 1, (long)(within * MsPerHour));
        }

        return instants;
    }

    private static double[] Cumulative(double[] weights)
    {
        var sum = weights.Sum();
        var cumulative = new double[weights.Length];
        var running = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            running += weights[i] / sum;
            cumulative[i] = running;
        }

        cumulative[^1] = 1.0;
        return cumulative;
    }

    private static int Pick(double[] cumulative, double u)
    {
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }

    /// <summary>A duration in whole steps (so what starts on the grid ends on it), at least a second.</summary>
    private static long ToMs(double seconds, long step)
    {
        var steps = (long)Math.Round(seconds * 1000.0 / step);
        return Math.Max((MinimumMs + step - 1) / step, steps) * step;
    }
}
