namespace Routing.LoadTest.Erlang;

/// <summary>
/// What a queueing model predicts for one staffing level. All rates are over all arrivals:
/// <see cref="ServiceLevel"/> = answered within the threshold / arrivals (abandons are misses);
/// <see cref="AsaSeconds"/> = mean time in queue over all arrivals (Lq / lambda), which for Erlang A includes the
/// time abandoning callers waited before hanging up.
/// </summary>
internal sealed record QueuePrediction(
    string Model,
    double ServiceLevel,
    double ProbabilityOfWait,
    double AsaSeconds,
    double AbandonRate,
    double Occupancy);
