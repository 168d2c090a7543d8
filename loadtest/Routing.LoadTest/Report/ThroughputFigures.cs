using System.Text.Json.Serialization;

namespace Routing.LoadTest.Report;

/// <summary>
/// Calls through one queue (or all): totals over the run, the busiest clock hour of arrivals and of answers (hours
/// on the run's clock), and the run scaled to a 30-day month.
/// </summary>
/// <param name="Queue">Queue id, or "total".</param>
/// <param name="Arrivals">Offered calls (refused offers left out).</param>
/// <param name="Answered">Calls an agent answered.</param>
/// <param name="Completed">Answered calls that ended before the run did.</param>
/// <param name="MeanArrivalsPerHour">Arrivals / run hours.</param>
/// <param name="ArrivalsPer30Days">Arrivals scaled to a 30-day month.</param>
internal sealed record ThroughputFigures(
    string Queue,
    long Arrivals,
    long Answered,
    long Completed,
    double? MeanArrivalsPerHour,
    [property: JsonPropertyName("arrivals_per_30_days")] double? ArrivalsPer30Days,
    DateTimeOffset? PeakArrivalHourStart,
    long PeakHourArrivals,
    DateTimeOffset? PeakAnswerHourStart,
    long PeakHourAnswered)
{
    public static ThroughputFigures Of(string queue, IReadOnlyCollection<ClassifiedCall> calls, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(context);
        var offered = calls.Where(c => c.IsOffered).ToArray();
        var answered = offered.Where(c => c.Outcome == CallOutcome.Answered).ToArray();
        var hours = (context.Run.End - context.Run.Start).TotalHours;
        var (arrivalHour, arrivalPeak) = Peak(offered.Select(c => c.Call.ArrivedAt), context);
        var (answerHour, answerPeak) = Peak(answered.Select(c => c.Call.AnsweredAt!.Value), context);
        return new ThroughputFigures(
            queue,
            offered.Length,
            answered.Length,
            answered.Count(c => c.Call.EndedAt is not null),
            hours > 0 ? offered.Length / hours : null,
            hours > 0 ? offered.Length / hours * 24 * 30 : null,
            arrivalHour,
            arrivalPeak,
            answerHour,
            answerPeak);
    }

    /// <summary>The clock hour (on the run's clock) holding the most instants, earliest on ties.</summary>
    private static (DateTimeOffset? Start, long Count) Peak(IEnumerable<DateTimeOffset> instants, ReportContext context)
    {
        var offset = context.ClockOffset.Ticks;
        var best = instants
            .GroupBy(t => (t.UtcTicks + offset) / TimeSpan.TicksPerHour)
            .Select(g => (Hour: g.Key, Count: (long)g.Count()))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Hour)
            .FirstOrDefault();
        if (best.Count == 0)
        {
            return (null, 0);
        }

        var localTicks = best.Hour * TimeSpan.TicksPerHour;
        return (new DateTimeOffset(localTicks - offset, TimeSpan.Zero).ToOffset(context.ClockOffset), best.Count);
    }
}
