using System.Text.Json.Serialization;

namespace Routing.LoadTest.Report;

/// <summary>
/// Clinical safety figures of a set of calls, reported apart from the administrative service level so good averages
/// cannot hide clinical failures.
/// </summary>
/// <param name="ClinicalCalls">Offered calls of a clinical class (SAME_DAY, URGENT, EMERGENT, EMERGENCY).</param>
/// <param name="RedFlagCalls">Offered calls with a red flag (triage fired a red-flag rule or the scenario marked one): the population of FTCE-A, as clinical-triage.md defines it.</param>
/// <param name="ReachedClinician">Clinical-class calls a clinician spoke with.</param>
/// <param name="TimeToClinician">First clinician contact minus arrival, clinical-class calls that reached one.</param>
/// <param name="DeadlineSeconds">Deadline to clinician of the class; null for a mix of classes or none.</param>
/// <param name="FtceA">Red-flag or clinical calls that never reached a clinician by the end of the run.</param>
/// <param name="FtceAStillOpen">Of <paramref name="FtceA"/>, calls still open (not ended) when the run ended.</param>
/// <param name="FtceB">Clinical-class calls whose time to clinician exceeded their class deadline (strictly).</param>
/// <param name="FtceAPer10000">FTCE-A per 10,000 red-flag calls.</param>
/// <param name="FtceBPer10000">FTCE-B per 10,000 clinical calls.</param>
/// <param name="ClinicalAbandoned">Clinical-class calls whose caller hung up before an answer.</param>
/// <param name="ClinicalAbandonRate">Clinical abandoned / clinical calls.</param>
internal sealed record ClinicalFigures(
    long ClinicalCalls,
    long RedFlagCalls,
    long ReachedClinician,
    DurationStats TimeToClinician,
    double? DeadlineSeconds,
    long FtceA,
    long FtceAStillOpen,
    long FtceB,
    [property: JsonPropertyName("ftce_a_per_10000")] double? FtceAPer10000,
    [property: JsonPropertyName("ftce_b_per_10000")] double? FtceBPer10000,
    long ClinicalAbandoned,
    double? ClinicalAbandonRate)
{
    public static ClinicalFigures Of(IReadOnlyCollection<ClassifiedCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var offered = calls.Where(c => c.IsOffered).ToArray();
        var clinical = offered.Where(c => c.IsClinical).ToArray();
        var population = offered.Count(c => c.Call.RedFlag);
        var ftceA = offered.Where(c => c.IsFtceA).ToArray();
        var ftceB = clinical.Count(c => c.IsFtceB);
        var abandoned = clinical.Count(c => c.Outcome == CallOutcome.Abandoned);
        var deadlines = clinical.Select(c => c.DeadlineSeconds).Distinct().ToArray();
        return new ClinicalFigures(
            clinical.Length,
            population,
            clinical.Count(c => c.TimeToClinicianSeconds is not null),
            DurationStats.Of(clinical.Where(c => c.TimeToClinicianSeconds is not null).Select(c => c.TimeToClinicianSeconds!.Value)),
            deadlines.Length == 1 ? deadlines[0] : null,
            ftceA.Length,
            ftceA.Count(c => c.Call.EndedAt is null),
            ftceB,
            Per10000(ftceA.Length, population),
            Per10000(ftceB, clinical.Length),
            abandoned,
            clinical.Length == 0 ? null : (double)abandoned / clinical.Length);
    }

    private static double? Per10000(long count, long population) => population == 0 ? null : count * 10_000.0 / population;
}
