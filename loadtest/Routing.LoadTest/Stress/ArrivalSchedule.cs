namespace Routing.LoadTest.Stress;

/// <summary>
/// Intended send times of one step, as offsets from the step's start. They depend only on the rate, the process and
/// the seed, never on how the server answers: that independence is what makes the load open loop.
/// </summary>
internal static class ArrivalSchedule
{
    /// <summary>
    /// Offsets in [0, <paramref name="length"/>), in increasing order. Constant spacing puts the k-th request at k/rate;
    /// Poisson draws exponential gaps of mean 1/rate from <paramref name="random"/>, starting with a gap so the step
    /// does not open with a burst at 0.
    /// </summary>
    public static IEnumerable<TimeSpan> Offsets(double rate, TimeSpan length, ArrivalProcess process, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentNullException.ThrowIfNull(random);
        return process == ArrivalProcess.Constant ? Constant(rate, length) : Poisson(rate, length, random);
    }

    /// <summary>The seed of a step's Poisson draws: reproducible per (run seed, step), independent between steps.</summary>
    public static int SeedFor(int runSeed, int stepIndex) => unchecked((runSeed * 7919) + stepIndex);

    /// <summary>Rounded to the nearest tick (TimeSpan.FromSeconds truncates, which puts 1.63 s at 1.6299999 s).</summary>
    private static TimeSpan Ticks(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    private static IEnumerable<TimeSpan> Constant(double rate, TimeSpan length)
    {
        // Computed from the index rather than by adding a rounded gap repeatedly, so no error accumulates.
        var seconds = length.TotalSeconds;
        for (long k = 0; ; k++)
        {
            var at = k / rate;
            if (at >= seconds)
            {
                yield break;
            }

            yield return Ticks(at);
        }
    }

    private static IEnumerable<TimeSpan> Poisson(double rate, TimeSpan length, Random random)
    {
        var seconds = length.TotalSeconds;
        var at = 0.0;
        while (true)
        {
            // 1 - U is in (0, 1], so the log is finite.
            at += -Math.Log(1.0 - random.NextDouble()) / rate;
            if (at >= seconds)
            {
                yield break;
            }

            yield return Ticks(at);
        }
    }
}
