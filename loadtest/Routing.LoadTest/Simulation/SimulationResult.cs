namespace Routing.LoadTest.Simulation;

/// <summary>
/// What a simulation measured over the arrivals after the warm-up. Every rate is over all measured arrivals;
/// waits are from arrival to the offer (simulated desktops answer at the offer instant).
/// </summary>
internal sealed record SimulationResult
{
    public required SimulationOptions Options { get; init; }

    /// <summary>All simulated arrivals, warm-up included.</summary>
    public required int Calls { get; init; }

    public required int WarmupCalls { get; init; }

    public int MeasuredCalls => Calls - WarmupCalls;

    public required int Answered { get; init; }

    public required int AnsweredWithinThreshold { get; init; }

    public required int Abandoned { get; init; }

    /// <summary>Arrivals not offered to an agent at their arrival instant (including those who later abandoned).</summary>
    public required int Waited { get; init; }

    public required double AnsweredWaitSeconds { get; init; }

    /// <summary>Time abandoning callers spent waiting before they hung up.</summary>
    public required double AbandonedWaitSeconds { get; init; }

    /// <summary>Answered with wait ≤ T / measured arrivals (abandons are misses).</summary>
    public double ServiceLevel => Rate(AnsweredWithinThreshold);

    /// <summary>95% half-width of <see cref="ServiceLevel"/> by batch means; null when there are too few calls.</summary>
    public required double? ServiceLevelHalfWidth95 { get; init; }

    public required int Batches { get; init; }

    public double ProbabilityOfWait => Rate(Waited);

    /// <summary>
    /// Mean time in queue over all measured arrivals: (answered waits + abandoned callers' waits) / arrivals.
    /// By Little's law this is Lq / λ, the ASA Erlang C and Erlang A publish. Without patience it equals
    /// <see cref="AsaAnsweredOverArrivalsSeconds"/>.
    /// </summary>
    public double AsaSeconds => MeasuredCalls == 0 ? 0 : (AnsweredWaitSeconds + AbandonedWaitSeconds) / MeasuredCalls;

    /// <summary>Answered calls' waits / all measured arrivals (abandoned callers' waits left out).</summary>
    public double AsaAnsweredOverArrivalsSeconds => MeasuredCalls == 0 ? 0 : AnsweredWaitSeconds / MeasuredCalls;

    /// <summary>Answered calls' waits / answered calls.</summary>
    public double AsaAnsweredSeconds => Answered == 0 ? 0 : AnsweredWaitSeconds / Answered;

    public double AbandonRate => Rate(Abandoned);

    /// <summary>Mean handle time drawn for the measured answered calls, seconds (checks the distribution).</summary>
    public required double SampledMeanHandleSeconds { get; init; }

    /// <summary>Virtual time from the start to the last arrival.</summary>
    public required double SimulatedHours { get; init; }

    public required long EngineCommands { get; init; }

    public required long EngineEvents { get; init; }

    /// <summary>
    /// Times the engine broke a queueing invariant under simulation (a call waiting while an agent idled, an
    /// unexpected event); 0 in a correct engine. <see cref="FirstAnomaly"/> describes the first.
    /// </summary>
    public required int Anomalies { get; init; }

    public required string? FirstAnomaly { get; init; }

    private double Rate(int count) => MeasuredCalls == 0 ? 0 : (double)count / MeasuredCalls;
}
