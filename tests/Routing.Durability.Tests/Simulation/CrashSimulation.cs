using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Runtime;

namespace Routing.Durability.Tests.Simulation;

/// <summary>How producers reach the domain.</summary>
internal enum DriveMode
{
    /// <summary>
    /// Producers' commands go in groups; each group is queued while the loop waits in the previous group's append,
    /// so one group is one batch and a seed always yields the same batches, outcomes and crash: deterministic.
    /// </summary>
    Gated,

    /// <summary>Producers run on their own threads and a clock thread moves time: real races, not reproducible.</summary>
    FreeRunning,
}

/// <summary>Figures of one simulation run.</summary>
internal sealed record SimulationStats(int Commands, int Acknowledged, int Refused, int NotAcknowledged, long DurableEvents, int Batches, int MaxBatch, int CallsAcknowledged, string Crashes);

/// <summary>
/// One seeded run: a routing domain on virtual time, fed by several producers, crashes in its journal at a seeded
/// append; after each crash the "process" restarts (the state rebuilt from the durable store alone, a new engine and
/// domain on it) and carries on, for a few cycles. After every crash <see cref="CrashVerifier"/> checks the store
/// against what was acknowledged. <see cref="Trace"/> records every command and outcome, for the determinism check.
/// </summary>
internal sealed class CrashSimulation : IDisposable
{
    private readonly int _seed;
    private readonly DriveMode _mode;
    private readonly IDurableStore _store;
    private readonly int _cycles;
    private readonly bool _verify;
    private readonly Random _random;
    private readonly RoutingOptions _options = SimulationSetup.Options();
    private readonly FakeTimeProvider _time = new(SimulationSetup.Start);
    private readonly List<DurableBatch> _durable = [];
    private readonly List<CommandRecord> _records = [];
    private readonly List<CrashedBatch> _crashes = [];
    private readonly GatewayProducer[] _gateways;
    private readonly AgentProducer[] _agents;

    /// <param name="seed">Seeds everything: producers, groups, clock steps, crash points and modes.</param>
    /// <param name="mode">Gated (deterministic) or free-running.</param>
    /// <param name="store">The durable store.</param>
    /// <param name="cycles">Process lives: each ends in a crash (or, free-running, maybe a clean stop) and a restart.</param>
    /// <param name="verify">
    /// False for a determinism re-run: no checks, only the <see cref="Trace"/> (which then also holds a digest of the
    /// rebuilt state after each crash).
    /// </param>
    public CrashSimulation(int seed, DriveMode mode, IDurableStore store, int cycles, bool verify = true)
    {
        _verify = verify;
        _seed = seed;
        _mode = mode;
        _store = store;
        _cycles = cycles;
        _random = new Random(seed);
        _gateways = Enumerable.Range(0, 2 + _random.Next(2)).Select(i => new GatewayProducer(i, seed)).ToArray();
        _agents = Enumerable.Range(0, 2 + _random.Next(3)).Select(i => new AgentProducer(i, seed)).ToArray();
        Verifier = new CrashVerifier(seed, _options, store, _durable, _records);
    }

    public CrashVerifier Verifier { get; }

    /// <summary>Time spent checking the store after crashes (the rest is the simulation itself).</summary>
    public TimeSpan VerifyTime { get; private set; }

    /// <summary>Every command and its outcome, and each crash: equal for two runs of a seed when gated.</summary>
    public StringBuilder Trace { get; } = new();

    private int ProducerCount => _gateways.Length + _agents.Length;

    public async Task<SimulationStats> RunAsync()
    {
        for (var cycle = 0; cycle < _cycles; cycle++)
        {
            await RunCycleAsync(cycle);
        }

        var acknowledged = _records.Count(r => r.Acknowledged);
        var lastDurable = _durable.Count > 0 ? _durable[^1].LastSequence : 0;
        return new SimulationStats(
            _records.Count,
            acknowledged,
            _records.Count(r => r.Result is { Succeeded: false }),
            _records.Count - acknowledged,
            lastDurable,
            _durable.Count,
            _durable.Count == 0 ? 0 : _durable.Max(b => (int)(b.LastSequence - b.FirstSequence + 1)),
            _records.Count(r => r is { Command: OfferCall, Result: { Succeeded: true, Reply: OfferCallReply { Duplicate: false } } }),
            string.Join(',', _crashes.Select(c => c.Mode)));
    }

    public void Dispose() => _store.Dispose();

    private async Task RunCycleAsync(int cycle)
    {
        // A restart: the state is the durable store replayed, nothing else.
        var state = cycle == 0 ? new RoutingState(_options) : await JournalReplay.RebuildAsync(_store.Journal, _options);
        var engine = new RoutingEngine(state, SimulationSetup.Rules, _time);
        var mode = PickCrashMode();
        var crashAt = _mode == DriveMode.Gated ? _random.Next(0, 40) : _random.Next(0, 60);
        using var journal = new CrashingJournal(_store.Journal, _durable, crashAt, mode, _store.CanDispose ? _store.CloseJournal : null, gated: _mode == DriveMode.Gated);
        journal.Observe(engine, full: _verify);
        using var startGate = new StartGateLogger();
        var domain = new RoutingDomain(engine, journal, _time, new RoutingDomainOptions { Name = $"sim-{_seed}-{cycle}", PipelineCommits = false }, startGate);
        var crashed = _mode == DriveMode.Gated
            ? await DriveGatedAsync(cycle, domain, journal, startGate)
            : await DriveFreeAsync(cycle, domain, journal, startGate);

        Exception? fault = null;
        try
        {
            await domain.Completion.WaitAsync(SimulationSetup.WaitLimit);
        }
        catch (RoutingDomainStoppedException ex)
        {
            fault = ex;
        }

        // Nothing gets in once the domain has stopped.
        var late = new CommandRecord(cycle, -2, 0, _gateways[0].Fresh());
        await late.SettleAsync(domain.ExecuteAsync(late.Command).AsTask());
        _records.Add(late);
        Verifier.Expect(late.Failure is RoutingDomainStoppedException, $"cycle {cycle}: a command sent after the stop got {late}");

        if (journal.Crash is { } crash)
        {
            _crashes.Add(crash);
        }

        Trace.Append(CultureInfo.InvariantCulture, $"cycle {cycle}: crash at append {crashAt}/{journal.Appends} {mode} crashed={crashed} fault={fault?.InnerException?.GetType().Name}\n");
        foreach (var record in _records.Where(r => r.Cycle == cycle))
        {
            Trace.Append(record).Append('\n');
        }

        // The process is gone; the next one opens the store again.
        _store.Reopen();
        var verifying = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_verify)
        {
            await Verifier.VerifyAsync(cycle, journal, engine, fault);
        }

        if (journal.Crash is null or { Survived: true })
        {
            // The store holds exactly the live engine's state: an engine resumed from it must be indistinguishable.
            await CompareResumedWithLiveAsync(cycle, engine);
        }

        VerifyTime += System.Diagnostics.Stopwatch.GetElapsedTime(verifying);
        var rebuilt = await JournalReplay.RebuildAsync(_store.Journal, _options);
        var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(rebuilt.Describe())));
        Trace.Append(CultureInfo.InvariantCulture, $"durable through {(_durable.Count > 0 ? _durable[^1].LastSequence : 0)}, rebuilt {rebuilt.LastSequence} {digest}\n");
    }

    /// <summary>
    /// Feeds the same commands, on the same clock, to the live engine (quiet now, its domain gone) and to an engine
    /// resumed from the store: every result and event must be the same. Timers are where they could part: the live
    /// engine has taken the ones that came due, the replayed state has them all back, and the taken ones must all turn
    /// out stale. Runs in determinism re-runs too (unchecked), so both runs move the clock alike.
    /// </summary>
    private async Task CompareResumedWithLiveAsync(int cycle, RoutingEngine live)
    {
        var resumed = new RoutingEngine(await JournalReplay.RebuildAsync(_store.Journal, _options), SimulationSetup.Rules, _time);
        var random = new Random(SimulationSetup.Mix(_seed, cycle, 0x7e57));
        Producer[] producers = [new GatewayProducer(100 + cycle, _seed), .. _agents.Select(a => new AgentProducer(a.Index, _seed + cycle + 1))];
        for (var step = 0; step < 40; step++)
        {
            _time.Advance(NextStep(random));
            var command = producers[random.Next(producers.Length)].Next(StateSnapshot.Of(live.State, full: false));
            var a = live.Execute(command);
            var b = resumed.Execute(command);
            if (!_verify)
            {
                continue;
            }

            var left = Outcome(a);
            var right = Outcome(b);
            if (left != right)
            {
                Verifier.Expect(false, $"cycle {cycle}: after the restart, {command} gave {right}; the live engine gave {left}");
                return;
            }
        }

        Verifier.Expect(!_verify || live.State.Describe() == resumed.State.Describe(), $"cycle {cycle}: the resumed engine ended in another state than the live one");

        static string Outcome(RoutingResult result) =>
            $"{result.Error?.Code} {result.Reply} " + string.Join(" | ", result.Events.Select(Routing.Storage.EventJson.Serialize));
    }

    private CrashMode PickCrashMode()
    {
        var roll = _random.Next(_store.CanDispose ? 3 : 2);
        return roll switch
        {
            0 => CrashMode.DropBatch,
            1 => CrashMode.KeepBatch,
            _ => CrashMode.DisposeJournal,
        };
    }

    /// <summary>
    /// One group at a time: group g+1 is queued while the loop waits in group g's append, then the append is let go.
    /// Every group holds a new call, so every group is exactly one append. Returns true once the domain crashed.
    /// </summary>
    private async Task<bool> DriveGatedAsync(int cycle, RoutingDomain domain, CrashingJournal journal, StartGateLogger startGate)
    {
        var pending = Submit(cycle, 0, domain, journal.Latest);
        startGate.Open();
        List<(CommandRecord Record, Task<RoutingResult> Task)>? previous = null;
        for (var group = 1; ; group++)
        {
            var appendStarted = journal.WaitForAppendAsync();
            var first = await Task.WhenAny(appendStarted, domain.Completion).WaitAsync(SimulationSetup.WaitLimit);
            if (previous is not null)
            {
                await SettleAsync(previous);
            }

            if (first != appendStarted)
            {
                await SettleAsync(pending);
                return true;
            }

            // The loop waits in the append of `pending`: move the clock (timers that come due queue a tick, ahead of
            // the next group), queue the next group, then let the append go on.
            previous = pending;
            _time.Advance(NextStep(_random));
            pending = Submit(cycle, group, domain, journal.Latest);
            journal.Proceed();
        }
    }

    private List<(CommandRecord Record, Task<RoutingResult> Task)> Submit(int cycle, int group, RoutingDomain domain, StateSnapshot? seen)
    {
        var commands = new List<(int Producer, RoutingCommand Command)>();
        var size = _random.Next(0, 6);
        var anchor = _random.Next(0, size + 1);
        for (var i = 0; i <= size; i++)
        {
            if (i == anchor)
            {
                // A new, valid call: the group always emits events, so it is always one append.
                var gateway = _random.Next(_gateways.Length);
                commands.Add((gateway, _gateways[gateway].Fresh()));
                continue;
            }

            var producer = _random.Next(ProducerCount);
            commands.Add((producer, ProducerAt(producer).Next(seen)));
        }

        var submitted = new List<(CommandRecord, Task<RoutingResult>)>(commands.Count);
        foreach (var (producer, command) in commands)
        {
            var record = new CommandRecord(cycle, group, producer, command);
            _records.Add(record);
            submitted.Add((record, domain.ExecuteAsync(command).AsTask()));
        }

        return submitted;
    }

    private static async Task SettleAsync(List<(CommandRecord Record, Task<RoutingResult> Task)> group)
    {
        foreach (var (record, task) in group)
        {
            await record.SettleAsync(task);
        }
    }

    /// <summary>Producers on their own threads, some pipelining commands, and a clock thread. Returns true if it crashed.</summary>
    private async Task<bool> DriveFreeAsync(int cycle, RoutingDomain domain, CrashingJournal journal, StartGateLogger startGate)
    {
        startGate.Open();
        using var done = new CancellationTokenSource();
        var clockSeed = _random.Next();
        var clock = Task.Run(async () =>
        {
            var random = new Random(clockSeed);
            while (!done.IsCancellationRequested && !domain.Completion.IsCompleted)
            {
                _time.Advance(NextStep(random));
                await Task.Delay(random.Next(0, 2), CancellationToken.None);
            }
        });

        var perProducer = Enumerable.Range(0, ProducerCount).Select(_ => new List<CommandRecord>()).ToArray();
        var budget = _random.Next(20, 80);
        var workers = Enumerable.Range(0, ProducerCount).Select(p => Task.Run(async () =>
        {
            var producer = ProducerAt(p);
            var random = new Random(SimulationSetup.Mix(_seed, cycle, p));
            for (var sent = 0; sent < budget && !domain.Completion.IsCompleted;)
            {
                // Sometimes several commands in flight at once from the same client.
                var inFlight = random.Next(4) == 0 ? random.Next(2, 5) : 1;
                var batch = new List<(CommandRecord, Task<RoutingResult>)>();
                for (var i = 0; i < inFlight; i++, sent++)
                {
                    var command = producer.Next(journal.Latest);
                    var record = new CommandRecord(cycle, -1, p, command);
                    perProducer[p].Add(record);
                    batch.Add((record, domain.ExecuteAsync(command).AsTask()));
                }

                await SettleAsync(batch);
                if (random.Next(3) == 0)
                {
                    await Task.Yield();
                }
            }
        })).ToArray();

        await Task.WhenAll(workers).WaitAsync(SimulationSetup.WaitLimit);
        var crashed = domain.Completion.IsCompleted;
        if (!crashed)
        {
            // No crash before the producers ran out: a clean stop, after which everything must be durable.
            await domain.StopAsync().WaitAsync(SimulationSetup.WaitLimit);
        }

        await done.CancelAsync();
        await clock.WaitAsync(SimulationSetup.WaitLimit);
        foreach (var records in perProducer)
        {
            _records.AddRange(records);
        }

        return crashed;
    }

    private Producer ProducerAt(int index) => index < _gateways.Length ? _gateways[index] : _agents[index - _gateways.Length];

    /// <summary>Mostly seconds, sometimes minutes (ring timeouts, overflow, wrap-up, max wait, escalation).</summary>
    private static TimeSpan NextStep(Random random) => random.Next(100) switch
    {
        < 50 => TimeSpan.FromTicks(random.NextInt64(0, TimeSpan.TicksPerSecond * 2)),
        < 85 => TimeSpan.FromTicks(random.NextInt64(TimeSpan.TicksPerSecond * 2, TimeSpan.TicksPerSecond * 30)),
        _ => TimeSpan.FromTicks(random.NextInt64(TimeSpan.TicksPerSecond * 30, TimeSpan.TicksPerMinute * 5)),
    };
}
