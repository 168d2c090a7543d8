using Routing.LoadTest.Erlang;

namespace Routing.LoadTest.Staffing;

/// <summary>
/// The fewest agents whose predicted service level (answered within T / all arrivals) meets a target: Erlang C
/// without patience, Erlang A with it. The service level rises with every agent added, so a doubling search
/// followed by bisection finds the minimum with a few model evaluations.
/// </summary>
internal sealed class StaffingPlanner
{
    /// <summary>Refuse absurd forecasts rather than search forever.</summary>
    public const int MaxAgents = 1_000_000;

    public StaffingPlanner(double ahtSeconds, double thresholdSeconds, double target, double? patienceSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ahtSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdSeconds);
        if (!(target is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target must be above 0 and below 1.");
        }

        if (patienceSeconds is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        }

        AhtSeconds = ahtSeconds;
        ThresholdSeconds = thresholdSeconds;
        Target = target;
        PatienceSeconds = patienceSeconds;
    }

    public double AhtSeconds { get; }

    public double ThresholdSeconds { get; }

    public double Target { get; }

    public double? PatienceSeconds { get; }

    public string Model => PatienceSeconds is null ? ErlangC.ModelName : ErlangA.ModelName;

    /// <summary>The model's prediction for <paramref name="agents"/> agents at <paramref name="callsPerHour"/>.</summary>
    public QueuePrediction Predict(double callsPerHour, int agents) => PatienceSeconds is { } patience
        ? new ErlangA(callsPerHour, AhtSeconds, agents, patience).Predict(ThresholdSeconds)
        : new ErlangC(callsPerHour, AhtSeconds, agents).Predict(ThresholdSeconds);

    public double ServiceLevel(double callsPerHour, int agents) => Predict(callsPerHour, agents).ServiceLevel;

    /// <summary>Minimal agents meeting the target; 0 when no calls are forecast.</summary>
    public int RequiredAgents(double callsPerHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(callsPerHour);
        if (callsPerHour == 0)
        {
            return 0;
        }

        // Erlang C has no steady state at or below the load, so start above it; Erlang A may need fewer.
        var load = callsPerHour / 3600.0 * AhtSeconds;
        var low = PatienceSeconds is null ? (int)Math.Floor(load) : 0;
        var high = Math.Max(low + 1, 1);
        while (!Meets(callsPerHour, high))
        {
            low = high;
            high = high < MaxAgents / 2 ? high * 2 : MaxAgents;
            if (low == MaxAgents)
            {
                throw new InvalidOperationException($"No staffing up to {MaxAgents} agents meets the target.");
            }
        }

        // Invariant: low fails (or is 0), high meets.
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (Meets(callsPerHour, middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    private bool Meets(double callsPerHour, int agents) => ServiceLevel(callsPerHour, agents) >= Target;
}
