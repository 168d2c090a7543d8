namespace Routing.LoadTest.Report;

/// <summary>
/// A model's prediction for one queue over the run: per staffing interval, weighted by the interval's arrivals.
/// </summary>
/// <param name="Model">"erlang-c" or "erlang-a".</param>
/// <param name="ServiceLevel">Answered within T / arrivals; intervals without agents count as 0.</param>
/// <param name="AsaSeconds">Mean wait over all arrivals (Lq/λ), over the intervals where it is finite.</param>
/// <param name="AbandonRate">Predicted abandoned / arrivals (0 for Erlang C).</param>
/// <param name="IntervalsPredicted">Intervals with arrivals and agents that the model was solved for.</param>
/// <param name="UnstableIntervals">Erlang C intervals with offered load at or above the agents: SL 0, ASA infinite (left out of ASA).</param>
/// <param name="FailedIntervals">Intervals the model could not be solved for (left out of every figure).</param>
internal sealed record ErlangPrediction(
    string Model,
    double? ServiceLevel,
    double? AsaSeconds,
    double? AbandonRate,
    long IntervalsPredicted,
    long UnstableIntervals,
    long FailedIntervals);
