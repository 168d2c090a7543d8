using Routing.Core.Configuration;
using Routing.LoadTest.Report;
using CoreUrgency = Routing.Core.Urgencies.Urgency;

namespace Routing.LoadTest.Month;

/// <summary>
/// Headline counts of a run. Red-flag calls are judged against the deadline to clinician of the class triage gave them
/// (RoutingOptions.DefaultEscalation, as the server and the report use): a red-flag call that never reached a clinician
/// is a failure to clinically escalate (FTCE-A), one that reached a clinician after its deadline a late one (FTCE-B).
/// </summary>
internal sealed record MonthSummary(
    int Offered,
    int Refused,
    int Answered,
    int Abandoned,
    int Lost,
    int Duplicated,
    int RedFlagCalls,
    int RedFlagWithoutClinician,
    int RedFlagLate,
    int ClinicalCalls,
    int ClinicalWithoutClinician,
    int ClinicalLate,
    long Errors)
{
    public static MonthSummary Of(RunObservations run)
    {
        ArgumentNullException.ThrowIfNull(run);
        int refused = 0, answered = 0, abandoned = 0, redFlags = 0, redFlagNone = 0, redFlagLate = 0, clinical = 0, clinicalNone = 0, clinicalLate = 0;
        foreach (var call in run.Calls)
        {
            if (call.Refused)
            {
                refused++;
                continue;
            }

            var answeredFirst = call.AnsweredAt is { } a && (call.AbandonedAt is not { } b || a < b);
            answered += answeredFirst ? 1 : 0;
            abandoned += call.AbandonedAt is not null && !answeredFirst ? 1 : 0;
            var urgency = (CoreUrgency)(int)call.Urgency;
            var late = call.ClinicianContactAt is { } contact
                && RoutingOptions.DefaultEscalation.TryGetValue(urgency, out var policy)
                && contact - call.ArrivedAt > policy.Deadline;
            if (call.RedFlag)
            {
                redFlags++;
                redFlagNone += call.ClinicianContactAt is null ? 1 : 0;
                redFlagLate += late ? 1 : 0;
            }

            if (urgency >= CoreUrgency.SameDay)
            {
                clinical++;
                clinicalNone += call.ClinicianContactAt is null ? 1 : 0;
                clinicalLate += late ? 1 : 0;
            }
        }

        return new MonthSummary(
            run.Calls.Count - refused,
            refused,
            answered,
            abandoned,
            run.LostCallIds.Count,
            run.DuplicatedCallIds.Count,
            redFlags,
            redFlagNone,
            redFlagLate,
            clinical,
            clinicalNone,
            clinicalLate,
            run.Errors.Values.Sum());
    }

    /// <summary>Every red-flag call reached a clinician within its class deadline.</summary>
    public bool RedFlagsEscalated => RedFlagWithoutClinician == 0 && RedFlagLate == 0;
}
