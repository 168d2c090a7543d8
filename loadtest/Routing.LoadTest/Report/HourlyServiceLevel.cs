namespace Routing.LoadTest.Report;

/// <summary>Service level of one queue by hour of day of arrival (the run's clock), every day of the run merged.</summary>
internal sealed record HourlyServiceLevel(string Queue, double? Target, IReadOnlyList<HourServiceLevel> Hours)
{
    public static IReadOnlyList<HourlyServiceLevel> Of(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var byQueue = context.Calls.Where(c => c.IsOffered).ToLookup(c => c.Call.QueueId, StringComparer.Ordinal);
        return context.QueueIds()
            .Select(queue =>
            {
                var byHour = byQueue[queue].ToLookup(c => context.HourOfDay(c.Call.ArrivedAt));
                var hours = Enumerable.Range(0, 24).Select(h =>
                {
                    var calls = byHour[h].ToArray();
                    return new HourServiceLevel(
                        h,
                        calls.Length,
                        calls.Count(c => c.Outcome == CallOutcome.Answered),
                        calls.Count(c => c.AnsweredWithinThreshold),
                        ServiceLevelFigures.Of(calls));
                }).ToArray();
                return new HourlyServiceLevel(queue, context.Target(queue), hours);
            })
            .ToArray();
    }
}

/// <summary>Calls of one queue that arrived in one hour of the day, and their service level under each definition.</summary>
internal sealed record HourServiceLevel(int Hour, long Offered, long Answered, long AnsweredWithinThreshold, IReadOnlyList<ServiceLevelFigure> ServiceLevels);
