namespace Routing.LoadTest.Report;

/// <summary>
/// Every per-call figure of one group of calls (a queue, an urgency class, clinical or administrative, or all).
/// Offered = answered + abandoned + unresolved; refused offers never entered routing and are counted apart.
/// </summary>
/// <param name="Group">Queue id, urgency code (e.g. "EMERGENT"), "clinical", "administrative" or "total".</param>
/// <param name="ThresholdSeconds">Service-level threshold T of the group's queues; null when they differ.</param>
/// <param name="Target">Service-level target of the group's queues; null when they differ.</param>
/// <param name="Refused">Offers the server refused; in the total only (a refused call never got a queue from the server).</param>
/// <param name="AsaSeconds">Total wait of answered calls / answered.</param>
/// <param name="AsaAllCallsSeconds">Waits of answered and abandoned calls (each up to its outcome) / those calls.</param>
/// <param name="AnsweredWait">Waits of answered calls.</param>
/// <param name="AbandonRate">Abandoned / offered.</param>
internal sealed record GroupFigures(
    string Group,
    long Offered,
    long Answered,
    long AnsweredWithinThreshold,
    long Abandoned,
    long ShortAbandons,
    long Unresolved,
    long Refused,
    double? ThresholdSeconds,
    double? Target,
    IReadOnlyList<ServiceLevelFigure> ServiceLevels,
    double? AsaSeconds,
    double? AsaAllCallsSeconds,
    DurationStats AnsweredWait,
    double? AbandonRate,
    ClinicalFigures Clinical)
{
    public static GroupFigures Of(string group, IReadOnlyCollection<ClassifiedCall> calls, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(context);
        var offered = calls.Where(c => c.IsOffered).ToArray();
        var answeredWaits = offered.Where(c => c.Outcome == CallOutcome.Answered).Select(c => c.WaitSeconds!.Value).ToArray();
        var outcomeWaits = offered.Where(c => c.WaitSeconds is not null).Select(c => c.WaitSeconds!.Value).ToArray();
        var abandoned = offered.Count(c => c.Outcome == CallOutcome.Abandoned);
        var queues = offered.Select(c => c.Call.QueueId).Distinct(StringComparer.Ordinal).ToArray();
        var thresholds = offered.Select(c => c.ThresholdSeconds).Distinct().ToArray();
        var targets = queues.Select(context.Target).Distinct().ToArray();
        return new GroupFigures(
            group,
            offered.Length,
            answeredWaits.Length,
            offered.Count(c => c.AnsweredWithinThreshold),
            abandoned,
            offered.Count(c => c.ShortAbandon),
            offered.Count(c => c.Outcome == CallOutcome.Unresolved),
            calls.Count(c => !c.IsOffered),
            thresholds.Length == 1 ? thresholds[0] : null,
            targets.Length == 1 ? targets[0] : null,
            ServiceLevelFigures.Of(offered),
            answeredWaits.Length == 0 ? null : answeredWaits.Average(),
            outcomeWaits.Length == 0 ? null : outcomeWaits.Average(),
            DurationStats.Of(answeredWaits),
            offered.Length == 0 ? null : (double)abandoned / offered.Length,
            ClinicalFigures.Of(offered));
    }
}
