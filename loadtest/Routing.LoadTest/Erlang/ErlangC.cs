namespace Routing.LoadTest.Erlang;

/// <summary>
/// Erlang C (M/M/N, callers never abandon), as in shared/reference/service-levels.md: Erlang B by recursion,
/// C = N·B / (N − A(1 − B)), SL(T) = 1 − C·e^{−(N−A)T/AHT}, ASA = C·AHT / (N − A). Needs A &lt; N to be stable.
/// </summary>
internal sealed class ErlangC
{
    public const string ModelName = "erlang-c";

    public ErlangC(double callsPerHour, double ahtSeconds, int agents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(callsPerHour);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ahtSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        AhtSeconds = ahtSeconds;
        Agents = agents;
        Load = callsPerHour / 3600.0 * ahtSeconds;
        IsStable = Load < agents;
        ProbabilityOfWait = IsStable ? WaitProbability(agents, Load) : 1.0;
    }

    /// <summary>Offered load A in Erlangs (arrival rate × AHT).</summary>
    public double Load { get; }

    public double AhtSeconds { get; }

    public int Agents { get; }

    /// <summary>False when A ≥ N: the queue grows without bound and no steady state exists.</summary>
    public bool IsStable { get; }

    /// <summary>C: the probability an arrival finds every agent busy.</summary>
    public double ProbabilityOfWait { get; }

    /// <summary>Mean wait over all arrivals, seconds; infinite when unstable.</summary>
    public double AsaSeconds => IsStable ? ProbabilityOfWait * AhtSeconds / (Agents - Load) : double.PositiveInfinity;

    public double Occupancy => Math.Min(1.0, Load / Agents);

    /// <summary>Erlang B blocking probability for <paramref name="servers"/> servers and load <paramref name="load"/>.</summary>
    public static double ErlangB(int servers, double load)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(servers);
        ArgumentOutOfRangeException.ThrowIfNegative(load);
        var b = 1.0;
        for (var k = 1; k <= servers; k++)
        {
            b = load * b / (k + (load * b));
        }

        return b;
    }

    /// <summary>Answered within <paramref name="thresholdSeconds"/> / all arrivals; 0 when unstable.</summary>
    public double ServiceLevel(double thresholdSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdSeconds);
        return IsStable ? 1.0 - (ProbabilityOfWait * Math.Exp(-(Agents - Load) * thresholdSeconds / AhtSeconds)) : 0.0;
    }

    public QueuePrediction Predict(double thresholdSeconds) =>
        new(ModelName, ServiceLevel(thresholdSeconds), ProbabilityOfWait, AsaSeconds, 0.0, Occupancy);

    private static double WaitProbability(int agents, double load)
    {
        var b = ErlangB(agents, load);
        return agents * b / (agents - (load * (1.0 - b)));
    }
}
