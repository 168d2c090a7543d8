using Routing.LoadTest.Erlang;
using ErlangAModel = Routing.LoadTest.Erlang.ErlangA;
using ErlangCModel = Routing.LoadTest.Erlang.ErlangC;

namespace Routing.LoadTest.Report;

/// <summary>
/// Observed service level and ASA of one queue next to Erlang C (and Erlang A when callers had a finite patience)
/// for the same staffing. Per staffing interval of the pool serving the queue: offered load from the interval's
/// arrivals and their mean handle time, the interval's agents, the queue's threshold; the predictions are weighted
/// by arrivals. Intervals with arrivals but no agents are not modelled and count as predicted SL 0. Both sides
/// cover the same calls: the queue's offered calls that arrived inside a staffing interval of the pool.
/// </summary>
/// <param name="Queue">Queue id, which is also the pool id in <see cref="RunObservations.Staffing"/>.</param>
/// <param name="StaffingIntervals">Distinct staffing intervals of the pool.</param>
/// <param name="IntervalsWithArrivals">Of those, intervals at least one call arrived in.</param>
/// <param name="IntervalsWithoutAgents">Intervals with arrivals but no agents (not modelled, predicted SL 0).</param>
/// <param name="ArrivalsWithoutAgents">Calls that arrived in those intervals.</param>
/// <param name="ArrivalsOutsideStaffing">Calls of the queue no staffing interval covers (left out of both sides).</param>
/// <param name="Arrivals">Calls compared: the queue's offered calls inside a staffing interval.</param>
/// <param name="MeanHandleTimeSeconds">Mean drawn handle time of the compared calls.</param>
/// <param name="MeanPatienceSeconds">Mean finite patience of the queue's calls (Erlang A's 1/θ); null when nobody hangs up.</param>
/// <param name="ObservedServiceLevel">Strict: answered within T / compared calls (the definition the models predict).</param>
/// <param name="ObservedAsaAllCallsSeconds">Mean wait of compared calls with an outcome (abandoners' waits included), as the models' ASA.</param>
internal sealed record ErlangComparison(
    string Queue,
    double ThresholdSeconds,
    long StaffingIntervals,
    long IntervalsWithArrivals,
    long IntervalsWithoutAgents,
    long ArrivalsWithoutAgents,
    long ArrivalsOutsideStaffing,
    long Arrivals,
    double? MeanHandleTimeSeconds,
    double? MeanPatienceSeconds,
    double? ObservedServiceLevel,
    double? ObservedAsaAllCallsSeconds,
    double? ObservedAbandonRate,
    ErlangPrediction ErlangC,
    ErlangPrediction? ErlangA)
{
    /// <summary>One comparison per pool in the staffing, ordinal order of pool id.</summary>
    public static IReadOnlyList<ErlangComparison> Of(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var calls = context.Calls.Where(c => c.IsOffered).ToLookup(c => c.Call.QueueId, StringComparer.Ordinal);
        return context.Run.Staffing
            .GroupBy(s => s.Pool, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Of(g.Key, new StaffingIntervals(g), calls[g.Key].ToArray(), context))
            .ToArray();
    }

    private static ErlangComparison Of(string queue, StaffingIntervals staffing, IReadOnlyList<ClassifiedCall> calls, ReportContext context)
    {
        var threshold = context.ThresholdSeconds(queue);
        var perInterval = new List<ClassifiedCall>?[staffing.All.Count];
        var outside = 0;
        foreach (var call in calls)
        {
            var i = staffing.IndexOf(call.Call.ArrivedAt);
            if (i < 0)
            {
                outside++;
                continue;
            }

            (perInterval[i] ??= []).Add(call);
        }

        var patiences = calls.Where(c => c.Call.Patience is not null).Select(c => c.Call.Patience!.Value.TotalSeconds).ToArray();
        double? patience = patiences.Length > 0 && patiences.Average() > 0 ? patiences.Average() : null;
        var erlangC = new PredictionSum(ErlangCModel.ModelName);
        var erlangA = patience is null ? null : new PredictionSum(ErlangAModel.ModelName);
        var compared = new List<ClassifiedCall>();
        long withArrivals = 0, withoutAgents = 0, arrivalsWithoutAgents = 0;
        for (var i = 0; i < perInterval.Length; i++)
        {
            if (perInterval[i] is not { Count: > 0 } intervalCalls)
            {
                continue;
            }

            withArrivals++;
            compared.AddRange(intervalCalls);
            var interval = staffing.All[i];
            if (interval.Agents <= 0)
            {
                withoutAgents++;
                arrivalsWithoutAgents += intervalCalls.Count;
                erlangC.AddWithoutAgents(intervalCalls.Count);
                erlangA?.AddWithoutAgents(intervalCalls.Count);
                continue;
            }

            var callsPerHour = intervalCalls.Count / interval.Length.TotalHours;
            var aht = intervalCalls.Average(c => c.Call.HandleTime.TotalSeconds);
            erlangC.Add(intervalCalls.Count, () => PredictErlangC(callsPerHour, aht, interval.Agents, threshold));
            erlangA?.Add(intervalCalls.Count, () => new ErlangAModel(callsPerHour, aht, interval.Agents, patience!.Value).Predict(threshold));
        }

        var observed = compared.ToArray();
        var outcomeWaits = observed.Where(c => c.WaitSeconds is not null).Select(c => c.WaitSeconds!.Value).ToArray();
        return new ErlangComparison(
            queue,
            threshold,
            staffing.All.Count,
            withArrivals,
            withoutAgents,
            arrivalsWithoutAgents,
            outside,
            observed.Length,
            observed.Length == 0 ? null : observed.Average(c => c.Call.HandleTime.TotalSeconds),
            patience,
            observed.Length == 0 ? null : (double)observed.Count(c => c.AnsweredWithinThreshold) / observed.Length,
            outcomeWaits.Length == 0 ? null : outcomeWaits.Average(),
            observed.Length == 0 ? null : (double)observed.Count(c => c.Outcome == CallOutcome.Abandoned) / observed.Length,
            erlangC.Result(),
            erlangA?.Result());
    }

    /// <summary>Erlang C, or null (unstable: SL 0, no finite ASA) when the load is not below the agents.</summary>
    private static QueuePrediction? PredictErlangC(double callsPerHour, double aht, int agents, double threshold)
    {
        var model = new ErlangCModel(callsPerHour, aht, agents);
        return model.IsStable ? model.Predict(threshold) : null;
    }

    /// <summary>Arrival-weighted sums of one model's predictions over intervals.</summary>
    private sealed class PredictionSum(string model)
    {
        private double _weight;
        private double _serviceLevel;
        private double _asaWeight;
        private double _asa;
        private double _abandon;
        private long _predicted;
        private long _unstable;
        private long _failed;

        public void AddWithoutAgents(long arrivals) => _weight += arrivals;

        public void Add(long arrivals, Func<QueuePrediction?> predict)
        {
            QueuePrediction? prediction;
            try
            {
                prediction = predict();
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
            {
                _failed++;
                return;
            }

            _predicted++;
            _weight += arrivals;
            if (prediction is null)
            {
                _unstable++;
                return;
            }

            _serviceLevel += arrivals * prediction.ServiceLevel;
            _abandon += arrivals * prediction.AbandonRate;
            if (double.IsFinite(prediction.AsaSeconds))
            {
                _asaWeight += arrivals;
                _asa += arrivals * prediction.AsaSeconds;
            }
        }

        public ErlangPrediction Result() => new(
            model,
            _weight == 0 ? null : _serviceLevel / _weight,
            _asaWeight == 0 ? null : _asa / _asaWeight,
            _weight == 0 ? null : _abandon / _weight,
            _predicted,
            _unstable,
            _failed);
    }
}
