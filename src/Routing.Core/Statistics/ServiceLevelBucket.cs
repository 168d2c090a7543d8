namespace Routing.Core.Statistics;

/// <summary>Raw counters of one interval, queue and class. Mutated only by <see cref="ServiceLevelStatistics"/>.</summary>
internal sealed class ServiceLevelBucket
{
    public ServiceLevelBucket(TimeSpan threshold, double target)
    {
        Threshold = threshold;
        Target = target;
    }

    public TimeSpan Threshold { get; }

    public double Target { get; }

    public long Unresolved { get; set; }

    public long Answered { get; set; }

    public long AnsweredWithinThreshold { get; set; }

    public long AnsweredWaitTicks { get; set; }

    public long Abandoned { get; set; }

    public long ShortAbandons { get; set; }

    public long Callbacks { get; set; }

    /// <summary>Waits of every call with an outcome.</summary>
    public DurationHistogram Waits { get; } = new();

    public long TalkLegs { get; set; }

    public long TalkTicks { get; set; }

    public long HandledLegs { get; set; }

    public long HandleTicks { get; set; }

    public DurationHistogram? TimeToClinician { get; set; }

    public long FtceA { get; set; }

    public long FtceB { get; set; }

    public long EscalationWarnings { get; set; }

    public long EscalationBreaches { get; set; }

    /// <summary>True when nothing is counted (a call's provisional count can move to another bucket).</summary>
    public bool IsEmpty =>
        Unresolved == 0 && Answered == 0 && Abandoned == 0 && Callbacks == 0 && TalkLegs == 0 && HandledLegs == 0
        && (TimeToClinician is null || TimeToClinician.Count == 0) && FtceA == 0 && EscalationWarnings == 0 && EscalationBreaches == 0;
}
