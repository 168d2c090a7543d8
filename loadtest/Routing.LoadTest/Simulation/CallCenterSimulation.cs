using System.Globalization;
using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Triage;

namespace Routing.LoadTest.Simulation;

/// <summary>
/// A discrete-event simulation that drives the real <see cref="RoutingEngine"/> on virtual time. The simulator owns
/// only what the outside world does (callers arrive, agents talk, callers give up); every routing decision is the
/// engine's, learned from the events it returns. The agenda holds arrivals, call completions and patience
/// expiries; before each, the virtual clock is set and due engine timers are fired, then the command is executed.
/// Simulated desktops accept every offer at once, so wait = offer time − arrival time.
/// </summary>
internal sealed class CallCenterSimulation
{
    public const string QueueId = "scheduling";

    /// <summary>Virtual time zero. Any fixed instant works; the wall clock is never read.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly long EpochTicks = Epoch.UtcTicks;

    /// <summary>A routine scheduling call: the default triage rules send it to the scheduling queue.</summary>
    private static readonly TriageInput RoutineCall = new() { ReasonCode = "SCHEDULING", ScreenCompleted = true };

    private readonly SimulationOptions _options;
    private readonly VirtualTimeProvider _clock = new(Epoch);
    private readonly RoutingEngine _engine;
    private readonly PriorityQueue<SimEvent, (long Ticks, long Order)> _agenda = new();
    private readonly Random _arrivals;
    private readonly Random _handles;
    private readonly Random _patience;
    private readonly long[] _arrivedAt;
    private readonly long[] _handleTicks;
    private readonly CallStatus[] _status;
    private readonly string[] _ids;
    private readonly int _warmup;
    private readonly int _batches;
    private readonly int[] _batchWithin;
    private readonly int[] _batchSize;
    private readonly long _thresholdTicks;
    private readonly double _lognormalMu;
    private readonly double _lognormalSigma;

    private long _now;
    private long _order;
    private int _arrived;
    private int _resolved;
    private int _busy;
    private int _waiting;
    private long _commands;
    private long _events;

    private int _answered;
    private int _answeredWithin;
    private int _abandoned;
    private int _waited;
    private long _answeredWaitTicks;
    private long _abandonedWaitTicks;
    private long _measuredHandleTicks;

    private int _anomalies;
    private string? _firstAnomaly;

    public CallCenterSimulation(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options;
        _engine = new RoutingEngine(EngineOptions(options), TriageRuleSetLoader.LoadDefault(), _clock);

        // Separate streams, each drawn in arrival order: the same seed gives every staffing level the same callers.
        var master = new Random(options.Seed);
        _arrivals = new Random(master.Next());
        _handles = new Random(master.Next());
        _patience = new Random(master.Next());

        var calls = options.Calls;
        _arrivedAt = new long[calls];
        _handleTicks = new long[calls];
        _status = new CallStatus[calls];
        _ids = new string[calls];
        _warmup = (int)Math.Floor(calls * options.WarmupFraction);
        var measured = calls - _warmup;
        _batches = Math.Max(1, Math.Min(options.Batches, measured / 10));
        _batchWithin = new int[_batches];
        _batchSize = new int[_batches];
        _thresholdTicks = ToTicks(options.ThresholdSeconds);
        var cv = options.EffectiveHandleTimeCv;
        _lognormalSigma = Math.Sqrt(Math.Log(1.0 + (cv * cv)));
        _lognormalMu = Math.Log(options.AhtSeconds) - (_lognormalSigma * _lognormalSigma / 2.0);
    }

    private enum CallStatus : byte
    {
        NotArrived = 0,
        Arriving = 1,
        Waiting = 2,
        Answered = 3,
        Abandoned = 4,
    }

    private enum SimEventKind : byte
    {
        Arrival = 1,
        Completion = 2,
        PatienceExpired = 3,
    }

    /// <summary>
    /// The five queues the default triage rules route to (the engine refuses a configuration without them). Only
    /// scheduling takes calls here. No wrap-up (Erlang has none); a ring timeout far beyond the instant answer.
    /// </summary>
    public static RoutingOptions EngineOptions(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var threshold = TimeSpan.FromSeconds(Math.Max(1.0, options.ThresholdSeconds));
        var handle = TimeSpan.FromSeconds(options.AhtSeconds);
        QueueDefinition Queue(string id, string? skill, bool clinical = false) => new()
        {
            Id = id,
            Clinical = clinical,
            RequiredSkills = skill is null ? [] : [new SkillRequirement(skill)],
            WrapUp = TimeSpan.Zero,
            RingTimeout = TimeSpan.FromHours(1),
            SlaThreshold = threshold,
            ExpectedHandleTime = handle,
        };

        return new RoutingOptions
        {
            Queues =
            [
                Queue(QueueId, "scheduling"),
                Queue("prescriptions", "refills"),
                Queue("billing", "billing"),
                Queue("clinical-triage", null, clinical: true),
                Queue("senior-line", "seniors"),
            ],
        };
    }

    /// <summary>Runs to the end: every arrival answered or abandoned. <paramref name="progress"/> gets (arrived, total) every 10%.</summary>
    public SimulationResult Run(Action<int, int>? progress = null)
    {
        if (_arrived > 0)
        {
            throw new InvalidOperationException("A simulation runs once; create a new one.");
        }

        LogInAgents();
        var calls = _options.Calls;
        var progressStep = Math.Max(1, calls / 10);
        var nextProgress = progressStep;
        Schedule(SampleInterarrival(), SimEventKind.Arrival, 0, null);
        while (_resolved < calls)
        {
            if (!_agenda.TryDequeue(out var next, out var at))
            {
                var stuck = _arrived - _resolved;
                throw new InvalidOperationException(
                    $"Simulation stalled at {Describe(_now)}: {stuck} call(s) neither answered nor abandoned with nothing left to happen "
                    + $"({_busy} of {_options.Agents} agents busy, {_waiting} waiting). First anomaly: {_firstAnomaly ?? "none"}.");
            }

            FireEngineTimersBefore(at.Ticks);
            SetNow(at.Ticks);
            switch (next.Kind)
            {
                case SimEventKind.Arrival:
                    Arrive();
                    if (_arrived == nextProgress || _arrived == calls)
                    {
                        progress?.Invoke(_arrived, calls);
                        nextProgress += progressStep;
                    }

                    break;
                case SimEventKind.Completion:
                    Complete(next.Call, next.AgentId!);
                    break;
                case SimEventKind.PatienceExpired:
                    Expire(next.Call);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown simulation event {next.Kind}.");
            }

            if (_waiting > 0 && _busy < _options.Agents)
            {
                Anomaly($"{_waiting} call(s) waiting while {_options.Agents - _busy} agent(s) are idle");
            }
        }

        return BuildResult();
    }

    private static void Validate(SimulationOptions o)
    {
        if (!(o.CallsPerHour > 0) || double.IsInfinity(o.CallsPerHour))
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.CallsPerHour, "CallsPerHour must be positive.");
        }

        if (!(o.AhtSeconds > 0) || double.IsInfinity(o.AhtSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.AhtSeconds, "AhtSeconds must be positive.");
        }

        if (o.Agents < 1 || o.Calls < 1 || o.Batches < 1 || !(o.ThresholdSeconds >= 0) || !(o.WarmupFraction is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Agents, Calls and Batches must be positive, ThresholdSeconds not negative, WarmupFraction in [0, 1).");
        }

        if (o.PatienceSeconds is { } p && !(p > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(o), p, "PatienceSeconds must be positive.");
        }

        if (o.HandleTime == HandleTimeDistribution.Lognormal && !(o.HandleTimeCv > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.HandleTimeCv, "HandleTimeCv must be positive.");
        }
    }

    private static long ToTicks(double seconds) => (long)Math.Round(seconds * TimeSpan.TicksPerSecond);

    private static string Describe(long ticks) => string.Create(CultureInfo.InvariantCulture, $"t={ticks / (double)TimeSpan.TicksPerSecond:0.###}s");

    private static int IndexOf(string callId) => int.Parse(callId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);

    private void LogInAgents()
    {
        var skills = new[] { new AgentSkill("scheduling", 3) };
        for (var i = 0; i < _options.Agents; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"a{i + 1}");
            Process(Execute(new LogIn(id, AgentRole.NonClinical, skills)));
            Process(Execute(new SetReady(id)));
        }
    }

    private void Arrive()
    {
        var index = _arrived++;
        var id = "c" + index.ToString(CultureInfo.InvariantCulture);
        _ids[index] = id;
        _arrivedAt[index] = _now;
        _handleTicks[index] = SampleHandle();
        var patience = _options.PatienceSeconds is { } mean ? ToTicks(Exponential(_patience, mean)) : -1;
        _status[index] = CallStatus.Arriving;

        var result = Execute(new OfferCall(id, RoutineCall));
        if (index == 0 && result.Reply is OfferCallReply reply && reply.Decision.QueueId != QueueId)
        {
            throw new InvalidOperationException($"Triage sent the routine call to '{reply.Decision.QueueId}', not '{QueueId}'.");
        }

        Process(result);
        if (_status[index] == CallStatus.Arriving)
        {
            _status[index] = CallStatus.Waiting;
            _waiting++;
            if (index >= _warmup)
            {
                _waited++;
            }

            if (patience >= 0)
            {
                Schedule(_now + patience, SimEventKind.PatienceExpired, index, null);
            }
        }

        if (_arrived < _options.Calls)
        {
            Schedule(_now + SampleInterarrival(), SimEventKind.Arrival, _arrived, null);
        }
    }

    private void Complete(int index, string agentId)
    {
        _busy--;
        Process(Execute(new CompleteCall(agentId, _ids[index])));
    }

    private void Expire(int index)
    {
        if (_status[index] != CallStatus.Waiting)
        {
            return;
        }

        var result = Execute(new EndCall(_ids[index], CallEndReason.CallerHungUp));
        var abandoned = false;
        var events = result.Events;
        for (var i = 0; i < events.Count; i++)
        {
            abandoned |= events[i] is CallAbandoned a && a.CallId == _ids[index] && !a.BecomesSafetyNetCallback;
        }

        if (!abandoned)
        {
            Anomaly($"EndCall(CallerHungUp) for waiting call {_ids[index]} did not emit CallAbandoned");
        }

        _status[index] = CallStatus.Abandoned;
        _waiting--;
        _resolved++;
        if (index >= _warmup)
        {
            _abandoned++;
            _abandonedWaitTicks += _now - _arrivedAt[index];
            _batchSize[BatchOf(index)]++;
        }

        Process(result);
    }

    /// <summary>Engine timers due before the next simulation event fire at their own instant, as they would live.</summary>
    private void FireEngineTimersBefore(long ticks)
    {
        while (_engine.NextTimerDue is { } due && due.UtcTicks - EpochTicks < ticks)
        {
            SetNow(Math.Max(due.UtcTicks - EpochTicks, _now));
            Process(Execute(AdvanceTime.Instance));
        }
    }

    private void Process(RoutingResult result)
    {
        var events = result.Events;
        for (var i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case CallOffered offered:
                    Offered(offered);
                    break;
                case OfferTimedOut or OfferCancelled or OfferDeclined or CallMaxWaitReached or CallbackRequested or CallTransferred:
                    Anomaly($"unexpected {events[i].GetType().Name} for call {((CallEvent)events[i]).CallId}");
                    break;
                default:
                    break;
            }
        }
    }

    private void Offered(CallOffered offered)
    {
        var index = IndexOf(offered.CallId);
        var status = _status[index];
        if (status is not (CallStatus.Arriving or CallStatus.Waiting))
        {
            Anomaly($"call {offered.CallId} offered while {status}");
            return;
        }

        var at = offered.At.UtcTicks - EpochTicks;
        if (at != _now)
        {
            Anomaly($"offer of {offered.CallId} stamped {Describe(at)}, executed at {Describe(_now)}");
        }

        if (status == CallStatus.Waiting)
        {
            _waiting--;
        }

        _busy++;
        _status[index] = CallStatus.Answered;
        _resolved++;
        if (index >= _warmup)
        {
            var wait = at - _arrivedAt[index];
            _answered++;
            _answeredWaitTicks += wait;
            _measuredHandleTicks += _handleTicks[index];
            var batch = BatchOf(index);
            _batchSize[batch]++;
            if (wait <= _thresholdTicks)
            {
                _answeredWithin++;
                _batchWithin[batch]++;
            }
        }

        Process(Execute(new AcceptOffer(offered.AgentId, offered.CallId)));
        Schedule(at + _handleTicks[index], SimEventKind.Completion, index, offered.AgentId);
    }

    private RoutingResult Execute(RoutingCommand command)
    {
        var result = _engine.Execute(command);
        _commands++;
        _events += result.Events.Count;
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"The engine refused {command} at {Describe(_now)}: {error}");
        }

        return result;
    }

    private void Schedule(long ticks, SimEventKind kind, int call, string? agentId) =>
        _agenda.Enqueue(new SimEvent(kind, call, agentId), (ticks, _order++));

    private void SetNow(long ticks)
    {
        if (ticks != _now)
        {
            _now = ticks;
            _clock.SetUtcNow(Epoch.AddTicks(ticks));
        }
    }

    private int BatchOf(int index) => (int)((long)(index - _warmup) * _batches / (_options.Calls - _warmup));

    private long SampleInterarrival() => ToTicks(Exponential(_arrivals, 3600.0 / _options.CallsPerHour));

    private long SampleHandle()
    {
        if (_options.HandleTime == HandleTimeDistribution.Exponential)
        {
            return ToTicks(Exponential(_handles, _options.AhtSeconds));
        }

        // Box-Muller: one standard normal from two uniforms (1 − U keeps the logarithm finite).
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - _handles.NextDouble()));
        var normal = radius * Math.Cos(2.0 * Math.PI * _handles.NextDouble());
        return ToTicks(Math.Exp(_lognormalMu + (_lognormalSigma * normal)));
    }

    private static double Exponential(Random random, double mean) => -Math.Log(1.0 - random.NextDouble()) * mean;

    private void Anomaly(string description)
    {
        _anomalies++;
        _firstAnomaly ??= $"{Describe(_now)}: {description}";
    }

    private SimulationResult BuildResult()
    {
        var batchLevels = new double[_batches];
        var full = 0;
        for (var b = 0; b < _batches; b++)
        {
            if (_batchSize[b] > 0)
            {
                batchLevels[full++] = (double)_batchWithin[b] / _batchSize[b];
            }
        }

        var measured = _options.Calls - _warmup;
        return new SimulationResult
        {
            Options = _options,
            Calls = _options.Calls,
            WarmupCalls = _warmup,
            Answered = _answered,
            AnsweredWithinThreshold = _answeredWithin,
            Abandoned = _abandoned,
            Waited = _waited,
            AnsweredWaitSeconds = _answeredWaitTicks / (double)TimeSpan.TicksPerSecond,
            AbandonedWaitSeconds = _abandonedWaitTicks / (double)TimeSpan.TicksPerSecond,
            ServiceLevelHalfWidth95 = BatchMeans.HalfWidth95(batchLevels.AsSpan(0, full)),
            Batches = full,
            SampledMeanHandleSeconds = measured == 0 ? 0 : _measuredHandleTicks / (double)TimeSpan.TicksPerSecond / Math.Max(1, _answered),
            SimulatedHours = _arrivedAt[_options.Calls - 1] / (double)TimeSpan.TicksPerHour,
            EngineCommands = _commands,
            EngineEvents = _events,
            Anomalies = _anomalies,
            FirstAnomaly = _firstAnomaly,
        };
    }

    private readonly record struct SimEvent(SimEventKind Kind, int Call, string? AgentId);
}
