using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>Buckets merged for a datapoint. Counters add up and histograms merge exactly.</summary>
internal sealed class ServiceLevelTotals
{
    private readonly DurationHistogram _waits = new();
    private readonly DurationHistogram _timeToClinician = new();
    private long _unresolved;
    private long _answered;
    private long _within;
    private long _answeredWaitTicks;
    private long _abandoned;
    private long _shortAbandons;
    private long _excludableShortAbandons;
    private long _callbacks;
    private long _talkLegs;
    private long _talkTicks;
    private long _handledLegs;
    private long _handleTicks;
    private long _ftceA;
    private long _ftceB;
    private long _warnings;
    private long _breaches;
    private TimeSpan? _threshold;
    private bool _mixedThreshold;
    private double? _target;
    private bool _mixedTarget;

    public void Add(ServiceLevelBucket bucket, Urgency urgency)
    {
        if (bucket.IsEmpty)
        {
            return;
        }

        if (_threshold is null && !_mixedThreshold)
        {
            _threshold = bucket.Threshold;
        }
        else if (_threshold != bucket.Threshold)
        {
            _threshold = null;
            _mixedThreshold = true;
        }

        if (_target is null && !_mixedTarget)
        {
            _target = bucket.Target;
        }
        else if (_target != bucket.Target)
        {
            _target = null;
            _mixedTarget = true;
        }

        _unresolved += bucket.Unresolved;
        _answered += bucket.Answered;
        _within += bucket.AnsweredWithinThreshold;
        _answeredWaitTicks += bucket.AnsweredWaitTicks;
        _abandoned += bucket.Abandoned;
        _shortAbandons += bucket.ShortAbandons;
        if (!urgency.IsClinical())
        {
            // Clinical classes never exclude short abandons: a patient who gave up is never "not a real call".
            _excludableShortAbandons += bucket.ShortAbandons;
        }

        _callbacks += bucket.Callbacks;
        _waits.Add(bucket.Waits);
        _talkLegs += bucket.TalkLegs;
        _talkTicks += bucket.TalkTicks;
        _handledLegs += bucket.HandledLegs;
        _handleTicks += bucket.HandleTicks;
        if (bucket.TimeToClinician is { } ttc)
        {
            _timeToClinician.Add(ttc);
        }

        _ftceA += bucket.FtceA;
        _ftceB += bucket.FtceB;
        _warnings += bucket.EscalationWarnings;
        _breaches += bucket.EscalationBreaches;
    }

    /// <param name="fallbackThreshold">Threshold to show when no bucket was added (the queue's, when one was asked for).</param>
    /// <param name="fallbackTarget">Target to show when no bucket was added.</param>
    public ServiceLevelDatapoint ToDatapoint(
        DateTimeOffset start,
        DateTimeOffset end,
        string? queueId,
        Urgency? urgency,
        TimeSpan? fallbackThreshold,
        double? fallbackTarget)
    {
        var threshold = _mixedThreshold ? null : _threshold ?? fallbackThreshold;
        var target = _mixedTarget ? null : _target ?? fallbackTarget;
        var offered = _unresolved + _answered + _abandoned + _callbacks;
        var levels = new ServiceLevelValue[]
        {
            new(ServiceLevelDefinitions.AnsweredOnly, threshold, target, Ratio(_within, _answered)),
            new(ServiceLevelDefinitions.Strict, threshold, target, Ratio(_within, offered)),
            new(ServiceLevelDefinitions.ShortAbandonsExcluded, threshold, target, Ratio(_within, offered - _excludableShortAbandons)),
        };

        return new ServiceLevelDatapoint
        {
            IntervalStart = start,
            IntervalEnd = end,
            QueueId = queueId,
            Urgency = urgency,
            Offered = checked((int)offered),
            Answered = checked((int)_answered),
            Abandoned = checked((int)_abandoned),
            ShortAbandons = checked((int)_shortAbandons),
            Callbacks = checked((int)_callbacks),
            Unresolved = checked((int)_unresolved),
            AnsweredWithinThreshold = checked((int)_within),
            ServiceLevels = new EquatableList<ServiceLevelValue>(levels),
            Asa = Average(_answeredWaitTicks, _answered),
            AsaAllCalls = Average(_waits.TotalTicks, _waits.Count),
            Wait = _waits.Summarize(),
            TalkLegs = checked((int)_talkLegs),
            AverageTalkTime = Average(_talkTicks, _talkLegs),
            HandledLegs = checked((int)_handledLegs),
            Aht = Average(_handleTicks, _handledLegs),
            AbandonmentRate = Ratio(_abandoned, offered),
            TimeToClinician = _timeToClinician.Summarize(),
            FtceA = checked((int)_ftceA),
            FtceB = checked((int)_ftceB),
            EscalationWarnings = checked((int)_warnings),
            EscalationBreaches = checked((int)_breaches),
        };
    }

    private static double? Ratio(long numerator, long denominator) => denominator > 0 ? (double)numerator / denominator : null;

    private static TimeSpan? Average(long ticks, long count) => count > 0 ? TimeSpan.FromTicks(ticks / count) : null;
}
