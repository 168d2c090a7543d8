using Routing.Core.Agents;
using Routing.Core.Events;
using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>
/// Service-level statistics per interval, queue and urgency class, derived from engine events only: applying the same
/// events to a fresh collector rebuilds exactly the same figures. Definitions are in README.md next to this file.
/// <para>
/// <see cref="Apply"/> is O(1) amortized and allocates only for a new call, agent, interval or bucket. Memory is
/// bounded: intervals older than <see cref="StatisticsOptions.Retention"/> are dropped, and a call or agent is
/// forgotten when it ends or logs out. Not thread-safe: feed it from one thread, like the engine.
/// </para>
/// </summary>
public sealed partial class ServiceLevelStatistics
{
    private readonly long _intervalTicks;
    private readonly long _retainedIntervals;
    private readonly TimeSpan _shortAbandon;
    private readonly long[] _deadlineTicks = new long[(int)Urgency.Emergency + 1];
    private readonly QueueFacts[] _configured;
    private readonly Dictionary<string, QueueFacts> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<long, IntervalSlot> _slots = [];
    private readonly Dictionary<string, CallTrack> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentTrack> _agents = new(StringComparer.Ordinal);
    private bool _started;
    private long _newestInterval;
    private long _retainedFrom;

    public ServiceLevelStatistics(StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid statistics options: " + string.Join(" ", errors), nameof(options));
        }

        Options = options;
        _intervalTicks = options.IntervalLength.Ticks;
        _retainedIntervals = (options.Retention.Ticks + _intervalTicks - 1) / _intervalTicks;
        _shortAbandon = options.ShortAbandonThreshold;
        Array.Fill(_deadlineTicks, -1);
        foreach (var (urgency, policy) in options.Escalation)
        {
            if ((int)urgency >= 0 && (int)urgency < _deadlineTicks.Length)
            {
                _deadlineTicks[(int)urgency] = policy.Deadline.Ticks;
            }
        }

        _configured = new QueueFacts[options.Queues.Count];
        for (var i = 0; i < _configured.Length; i++)
        {
            _configured[i] = new QueueFacts(options.Queues[i], i);
            _queues.Add(_configured[i].Id, _configured[i]);
        }
    }

    public StatisticsOptions Options { get; }

    /// <summary>Sequence of the last applied event; 0 before any.</summary>
    public long LastSequence { get; private set; }

    /// <summary>Latest event time seen: the collector's clock.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>Calls being tracked (not yet ended).</summary>
    public int TrackedCalls => _calls.Count;

    /// <summary>Agents being tracked (logged in).</summary>
    public int TrackedAgents => _agents.Count;

    /// <summary>Intervals held in memory.</summary>
    public int RetainedIntervals => _slots.Count;

    /// <summary>
    /// Applies one event. Sequences must increase (gaps are allowed, so a collector can start mid-journal); events
    /// about calls or agents it never saw arrive or log in are ignored.
    /// </summary>
    public void Apply(RoutingEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Sequence <= LastSequence)
        {
            throw new InvalidOperationException($"Event sequence {e.Sequence} does not follow {LastSequence}.");
        }

        AdvanceClock(e.At);
        switch (e)
        {
            case CallEvent call:
                ApplyCallEvent(call);
                break;
            case AgentLoggedIn x:
                LogIn(x);
                break;
            case AgentLoggedOut x:
                LogOut(x);
                break;
            case AgentBecameAvailable x:
                SetAgentStatus(x.AgentId, AgentStatus.Available, x.At);
                break;
            case AgentNotReady x:
                SetAgentStatus(x.AgentId, AgentStatus.NotReady, x.At);
                break;
            default:
                break;
        }

        LastSequence = e.Sequence;
    }

    private void AdvanceClock(DateTimeOffset at)
    {
        if (_started && at <= LastEventAt)
        {
            return;
        }

        LastEventAt = at;
        var newest = IntervalOf(at);
        if (_started && newest <= _newestInterval)
        {
            return;
        }

        _newestInterval = newest;
        var keepFrom = newest - _retainedIntervals;
        if (!_started)
        {
            _started = true;
            _retainedFrom = keepFrom;
            return;
        }

        if (keepFrom <= _retainedFrom)
        {
            return;
        }

        if (keepFrom - _retainedFrom <= _slots.Count)
        {
            for (var i = _retainedFrom; i < keepFrom; i++)
            {
                _slots.Remove(i);
            }
        }
        else
        {
            // A long silence: fewer slots than skipped intervals, so look at the slots instead.
            foreach (var index in _slots.Keys)
            {
                if (index < keepFrom)
                {
                    _slots.Remove(index);
                }
            }
        }

        _retainedFrom = keepFrom;
    }

    private long IntervalOf(DateTimeOffset at) => at.UtcTicks / _intervalTicks;

    private DateTimeOffset IntervalStart(long index) => new(index * _intervalTicks, TimeSpan.Zero);

    /// <summary>The slot of a retained interval, created on first use; null when the interval was dropped or not yet started.</summary>
    private IntervalSlot? Slot(long index)
    {
        if (!_started || index < _retainedFrom)
        {
            return null;
        }

        if (!_slots.TryGetValue(index, out var slot))
        {
            slot = new IntervalSlot();
            _slots.Add(index, slot);
        }

        return slot;
    }

    private ServiceLevelBucket? Bucket(long interval, string queueId, Urgency urgency)
    {
        if (Slot(interval) is not { } slot)
        {
            return null;
        }

        var key = new CategoryKey(queueId, urgency);
        if (!slot.Buckets.TryGetValue(key, out var bucket))
        {
            var facts = _queues.GetValueOrDefault(queueId);
            bucket = facts is null
                ? new ServiceLevelBucket(Options.DefaultSlaThreshold, Options.DefaultSlaTarget)
                : new ServiceLevelBucket(facts.Definition.SlaThreshold, facts.Definition.SlaTarget);
            slot.Buckets.Add(key, bucket);
        }

        return bucket;
    }
}
