using Routing.Core.Urgencies;
using Routing.V1;
using CoreUrgency = Routing.Core.Urgencies.Urgency;

namespace Routing.LoadTest.Report;

/// <summary>One call with what every figure needs already worked out once: outcome, wait, threshold, clinical facts.</summary>
internal sealed class ClassifiedCall
{
    private ClassifiedCall(CallObservation call, ReportContext context)
    {
        Call = call;
        CoreUrgency = (CoreUrgency)(int)call.Urgency;
        IsClinical = CoreUrgency.IsClinical();
        ThresholdSeconds = context.ThresholdSeconds(call.QueueId);
        Outcome = OutcomeOf(call);
        WaitSeconds = Outcome switch
        {
            CallOutcome.Answered => (call.AnsweredAt!.Value - call.ArrivedAt).TotalSeconds,
            CallOutcome.Abandoned => (call.AbandonedAt!.Value - call.ArrivedAt).TotalSeconds,
            _ => null,
        };
        AnsweredWithinThreshold = Outcome == CallOutcome.Answered && WaitSeconds <= ThresholdSeconds;
        ShortAbandon = Outcome == CallOutcome.Abandoned && WaitSeconds < context.Settings.ShortAbandonThreshold.TotalSeconds;
        if (call.ClinicianContactAt is { } contact && Outcome != CallOutcome.Refused)
        {
            TimeToClinicianSeconds = (contact - call.ArrivedAt).TotalSeconds;
        }

        DeadlineSeconds = IsClinical && context.Settings.Escalation.TryGetValue(CoreUrgency, out var policy)
            ? policy.Deadline.TotalSeconds
            : null;
    }

    public CallObservation Call { get; }

    public CoreUrgency CoreUrgency { get; }

    /// <summary>SAME_DAY and above: handled by clinicians, with a deadline to clinician.</summary>
    public bool IsClinical { get; }

    /// <summary>Population of FTCE-A: a red flag, or a clinical class.</summary>
    public bool IsRedFlagOrClinical => Call.RedFlag || IsClinical;

    public CallOutcome Outcome { get; }

    public bool IsOffered => Outcome != CallOutcome.Refused;

    /// <summary>Arrival to answer, or arrival to abandon; null when unresolved or refused.</summary>
    public double? WaitSeconds { get; }

    public double ThresholdSeconds { get; }

    /// <summary>Answered with a wait of at most the queue's threshold (inclusive, like the core).</summary>
    public bool AnsweredWithinThreshold { get; }

    /// <summary>Abandoned after a wait strictly below the short-abandon threshold.</summary>
    public bool ShortAbandon { get; }

    /// <summary>A short abandon that short-abandons-excluded leaves out of its denominator (never for clinical classes).</summary>
    public bool ExcludedShortAbandon => ShortAbandon && !IsClinical;

    /// <summary>First clinician contact minus arrival; null when no clinician ever spoke with the caller.</summary>
    public double? TimeToClinicianSeconds { get; }

    /// <summary>Deadline to clinician of the call's class; null for non-clinical classes.</summary>
    public double? DeadlineSeconds { get; }

    /// <summary>FTCE-A (clinical-triage.md): a red flag was captured and no clinician spoke with the caller by the end of the run. Clinical callers without a red flag who hung up are counted as clinical abandons, not here.</summary>
    public bool IsFtceA => IsOffered && Call.RedFlag && TimeToClinicianSeconds is null;

    /// <summary>FTCE-B: clinical class, clinician reached strictly after the class deadline.</summary>
    public bool IsFtceB => IsClinical && TimeToClinicianSeconds > DeadlineSeconds;

    public static ClassifiedCall From(CallObservation call, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(context);
        return new ClassifiedCall(call, context);
    }

    private static CallOutcome OutcomeOf(CallObservation call)
    {
        if (call.Refused)
        {
            return CallOutcome.Refused;
        }

        return (call.AnsweredAt, call.AbandonedAt) switch
        {
            ({ } answered, { } abandoned) => abandoned < answered ? CallOutcome.Abandoned : CallOutcome.Answered,
            ({ }, null) => CallOutcome.Answered,
            (null, { }) => CallOutcome.Abandoned,
            _ => CallOutcome.Unresolved,
        };
    }
}
