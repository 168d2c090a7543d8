using Routing.Core.Urgencies;

namespace Routing.LoadTest.Report;

/// <summary>What was run, and the rules the figures were computed under.</summary>
/// <param name="Clock">Clock of hours of the day and time-of-day profiles: the offset of <paramref name="Start"/>.</param>
/// <param name="Calls">Calls the harness offered, refused ones included.</param>
internal sealed record RunFacts(
    string Scenario,
    int Seed,
    string Server,
    DateTimeOffset Start,
    DateTimeOffset End,
    double DurationSeconds,
    double WallTimeSeconds,
    string Clock,
    long Calls,
    double ShortAbandonThresholdSeconds,
    IReadOnlyList<QueueRule> Queues,
    IReadOnlyList<ClassDeadline> Deadlines)
{
    public static RunFacts Of(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = context.Run;
        var queues = context.QueueIds()
            .Concat(run.QueueThresholds.Keys)
            .Concat(run.Staffing.Select(s => s.Pool))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(q => new QueueRule(q, context.ThresholdSeconds(q), context.Target(q)))
            .ToArray();
        var deadlines = context.Settings.Escalation
            .OrderByDescending(e => e.Key)
            .Select(e => new ClassDeadline(e.Key.ToCode(), e.Value.Deadline.TotalSeconds))
            .ToArray();
        return new RunFacts(
            run.Scenario,
            run.Seed,
            run.Server,
            run.Start,
            run.End,
            (run.End - run.Start).TotalSeconds,
            run.WallTime.TotalSeconds,
            context.ClockName,
            run.Calls.Count,
            context.Settings.ShortAbandonThreshold.TotalSeconds,
            queues,
            deadlines);
    }
}

/// <summary>A queue's service-level threshold T and target.</summary>
internal sealed record QueueRule(string Queue, double ThresholdSeconds, double Target);

/// <summary>Deadline to clinician of a clinical class (FTCE-B).</summary>
internal sealed record ClassDeadline(string Urgency, double DeadlineSeconds);
